//! The review desk as a person uses it: headless Chromium opens the desk,
//! the keys confirm one claim and reject another with a note, and the claim
//! file on disk says so. It also saves the screenshot docs/review-desk.png.
//! Where no Chromium is installed the test is listed as ignored, with the
//! reason in its name, so the summary shows that it did not run (`.ci/run`
//! installs Debian's `chromium` package). It has its own harness
//! (libtest-mimic) so that it can make that choice when it runs.

mod desk_support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use desk_support::{claim_file, claims_dir, tempdir, Desk};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use libtest_mimic::{Arguments, Failed, Trial};

const NAME: &str = "keys_confirm_and_reject_claims_in_the_browser";

const ARTICLE: &str = "date 2024-05-02\n\n\
LONDON (Reuters) - The government will raise the minimum wage next year, \
Chancellor Rachel Reeves said on Thursday.\n\n\
\"We will act, and we will act fast,\" Reeves told reporters in London.\n\n\
\"No decision has been taken,\" said Bob Smith, a spokesman for the Treasury. \
He added that talks with employers would continue.\n\n\
According to the Resolution Foundation, the rise would help two million workers.\n";

const NOTE: &str = "Smith denied saying this on Friday";

/// The Chromium binary: `WHOSAID_CHROMIUM`, or the first of the usual names
/// on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WHOSAID_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

fn main() {
    let args = Arguments::from_args();
    let trial = match chromium() {
        Some(path) => Trial::test(NAME, move || browser_test(&path)),
        None => {
            eprintln!("NOTE: {NAME} did not run: Chromium not found (apt-get install chromium)");
            Trial::test(format!("{NAME} (SKIPPED: Chromium not found)"), || Ok(()))
                .with_ignored_flag(true)
        }
    };
    libtest_mimic::run(&args, vec![trial]).exit();
}

fn launch(path: &Path, profile: &Path) -> Result<Browser, Failed> {
    let args: Vec<&OsStr> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(path.to_path_buf()))
        .headless(true)
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .user_data_dir(Some(profile.to_path_buf()))
        .args(args)
        .idle_browser_timeout(Duration::from_secs(180))
        .build()
        .map_err(|e| format!("launch options: {e}"))?;
    Browser::new(options).map_err(|e| format!("cannot start {}: {e}", path.display()).into())
}

/// Waits until `selector` matches, with a message naming what was awaited.
fn wait(tab: &Tab, selector: &str) -> Result<(), Failed> {
    tab.wait_for_element_with_custom_timeout(selector, Duration::from_secs(30))
        .map(|_| ())
        .map_err(|e| format!("waiting for {selector}: {e}").into())
}

fn key(tab: &Tab, k: &str) -> Result<(), Failed> {
    tab.press_key(k)
        .map(|_| ())
        .map_err(|e| format!("pressing {k}: {e}").into())
}

fn review_of(file: &serde_json::Value, i: usize) -> (String, Option<String>, Option<String>) {
    let r = &file["claims"][i]["review"];
    (
        r["status"].as_str().unwrap_or("").to_string(),
        r["note"].as_str().map(str::to_string),
        r["reviewer"].as_str().map(str::to_string),
    )
}

fn browser_test(path: &Path) -> Result<(), Failed> {
    let started = Instant::now();
    let root = tempdir("desk-browser");
    let dir = claims_dir(&root, &[("reeves-wage.txt", ARTICLE)]);
    let before = claim_file(&dir, "reeves-wage");
    let n = before["claims"].as_array().map_or(0, Vec::len);
    if n < 3 {
        return Err(format!("the article gave {n} claims, the test needs 3").into());
    }
    let desk = Desk::start(&dir);
    let profile = root.join("chromium-profile");
    std::fs::create_dir_all(&profile).map_err(|e| e.to_string())?;
    // A loaded machine can miss the first start's deadline; one more try
    // with a fresh profile keeps that from failing the test.
    let browser = match launch(path, &profile) {
        Ok(b) => b,
        Err(first) => {
            eprintln!("NOTE: Chromium did not start ({first:?}); trying once more");
            let again = root.join("chromium-profile-2");
            std::fs::create_dir_all(&again).map_err(|e| e.to_string())?;
            launch(path, &again)?
        }
    };
    let tab = browser.new_tab().map_err(|e| e.to_string())?;
    tab.set_default_timeout(Duration::from_secs(30));
    tab.navigate_to(&desk.url)
        .and_then(|t| t.wait_until_navigated())
        .map_err(|e| format!("opening {}: {e}", desk.url))?;
    wait(&tab, "body[data-ready=true]")?;
    wait(&tab, "li.item.current")?;

    // The first claim is selected: confirm it.
    key(&tab, "c")?;
    wait(&tab, "li.item[data-status=confirmed]")?;
    // The next one: reject it, then give the rejection a note.
    key(&tab, "j")?;
    key(&tab, "r")?;
    wait(&tab, "li.item.current[data-status=rejected]")?;
    key(&tab, "n")?;
    wait(&tab, "li.item.current input.noteedit")?;
    tab.type_str(NOTE).map_err(|e| e.to_string())?;
    key(&tab, "Enter")?;
    wait(&tab, &format!("li.item.current[data-note=\"{NOTE}\"]"))?;
    // The third claim stays as it was; move onto it so that it shows.
    key(&tab, "j")?;

    let after = claim_file(&dir, "reeves-wage");
    let tester = Some("tester".to_string());
    let want = [
        ("confirmed".to_string(), None, tester.clone()),
        ("rejected".to_string(), Some(NOTE.to_string()), tester),
        ("unreviewed".to_string(), None, None),
    ];
    for (i, w) in want.iter().enumerate() {
        let got = review_of(&after, i);
        if got != *w {
            return Err(format!("claim {i}: {got:?}, wanted {w:?}").into());
        }
    }

    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .map_err(|e| format!("screenshot: {e}"))?;
    let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/review-desk.png");
    std::fs::write(&shot, png).map_err(|e| format!("{}: {e}", shot.display()))?;
    eprintln!("browser test took {:.1} s", started.elapsed().as_secs_f64());
    drop(tab);
    drop(browser);
    drop(desk);
    let _ = std::fs::remove_dir_all(&root);
    Ok(())
}
