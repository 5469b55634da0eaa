//! `extract_many`: an iterator over the claims of many texts, analysed on
//! the rayon pool while Python holds on to the GIL only to read inputs and
//! build results. Inputs are read in batches (up to [`BATCH_DOCS`] texts or
//! [`BATCH_BYTES`] bytes, as the CLI batches text files); each batch is one
//! task, and its results come back through its own channel, so the batches
//! are yielded in input order whatever order they finish in. At most
//! [`BATCHES_PER_THREAD`] batches per worker are read ahead of the
//! consumer, which bounds memory however long the input is.

use std::collections::VecDeque;
use std::sync::{mpsc, Arc, Mutex, TryLockError};

use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyIterator, PyList, PyString, PyTuple};
use rayon::ThreadPool;

use crate::args::{article_text, type_name};
use crate::render::{analysis, to_python, Job, Part, PANICKED};

/// Texts analysed as one task.
const BATCH_DOCS: usize = 16;
/// Bytes of text in one batch at most (a longer text is a batch of its own).
const BATCH_BYTES: usize = 1 << 20;
/// Batches read but not yet yielded, per worker thread.
const BATCHES_PER_THREAD: usize = 4;

/// What one text's analysis is: the analysis, or a panic's message.
type Outcome = Result<whosaid::Analysis, &'static str>;

/// How an input was given, which is how its result is yielded.
enum Key {
    /// A bare string: its claims are yielded.
    Text,
    /// An `(id, text)` pair: `(id, claims)` is yielded, `id` untouched.
    Pair(Py<PyAny>),
}

/// A place in the output order.
enum Slot {
    /// A batch on the workers: its inputs' keys, and where its outcomes
    /// arrive, in the keys' order.
    Batch {
        keys: Vec<Key>,
        outcomes: mpsc::Receiver<Vec<Outcome>>,
    },
    /// The input failed here (a bad item, or the iterable raised): raised
    /// when the consumer gets this far, and the stream ends.
    Failed(PyErr),
}

/// The stream's state, behind a lock because Python may share the
/// iterator between threads.
struct State {
    /// The inputs not read yet; None once they are exhausted or failed.
    source: Option<Py<PyIterator>>,
    /// The pool of `n_jobs` threads, or None for rayon's global pool.
    pool: Option<Arc<ThreadPool>>,
    job: Arc<Job>,
    /// Batches and failures in input order.
    slots: VecDeque<Slot>,
    /// The finished batch being yielded.
    ready: VecDeque<(Key, Outcome)>,
    /// How many slots may wait at once.
    read_ahead: usize,
}

/// The iterator `extract_many` returns: each input's claims (or
/// `(id, claims)` for a pair), in input order.
#[pyclass(module = "whosaid._whosaid")]
pub struct ClaimStream {
    state: Mutex<State>,
}

impl ClaimStream {
    /// A stream over `source`, analysed by `pool` (rayon's global pool when
    /// None).
    pub fn new(source: Py<PyIterator>, pool: Option<ThreadPool>, job: Job) -> ClaimStream {
        let threads = pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, ThreadPool::current_num_threads);
        ClaimStream {
            state: Mutex::new(State {
                source: Some(source),
                pool: pool.map(Arc::new),
                job: Arc::new(job),
                slots: VecDeque::new(),
                ready: VecDeque::new(),
                read_ahead: threads.max(1) * BATCHES_PER_THREAD,
            }),
        }
    }
}

#[pymethods]
impl ClaimStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        // Waiting for the lock while attached could deadlock with a thread
        // that holds it and waits, detached, for its batch.
        let mut state = match self.state.try_lock() {
            Ok(state) => state,
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => {
                return Err(PyValueError::new_err(
                    "the extract_many iterator is already running in another thread",
                ))
            }
        };
        loop {
            state.read_ahead(py)?;
            if let Some((key, outcome)) = state.ready.pop_front() {
                return yielded(py, key, outcome).map(Some);
            }
            match state.slots.pop_front() {
                None => return Ok(None),
                Some(Slot::Failed(e)) => {
                    state.slots.clear();
                    return Err(e);
                }
                Some(Slot::Batch { keys, outcomes }) => {
                    // A worker always sends, as panics are caught per text.
                    let outcomes = py
                        .detach(move || outcomes.recv())
                        .unwrap_or_else(|_| keys.iter().map(|_| Err(PANICKED)).collect());
                    state.ready.extend(keys.into_iter().zip(outcomes));
                }
            }
        }
    }
}

impl State {
    /// Reads and sends batches until enough wait or the input ends.
    fn read_ahead(&mut self, py: Python<'_>) -> PyResult<()> {
        while self.source.is_some() && self.slots.len() < self.read_ahead {
            self.read_batch(py)?;
        }
        Ok(())
    }

    /// Reads one batch and hands it to the pool. An `Exception` (a bad item,
    /// or one the iterable raised) is queued after the inputs read before
    /// it and ends the reading; anything else (`KeyboardInterrupt`) is
    /// raised at once and ends the stream.
    fn read_batch(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(source) = &self.source else {
            return Ok(());
        };
        let mut source = source.bind(py).clone();
        let (mut keys, mut texts, mut bytes) = (Vec::new(), Vec::new(), 0);
        let mut failed = None;
        while texts.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            match source.next().map(|item| item.and_then(|i| input(&i))) {
                Some(Ok((key, text))) => {
                    bytes += text.len();
                    keys.push(key);
                    texts.push(text);
                }
                Some(Err(e)) => {
                    failed = Some(e);
                    break;
                }
                None => break,
            }
        }
        if failed.is_some() || texts.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            self.source = None;
        }
        if !texts.is_empty() {
            self.send(keys, texts);
        }
        match failed {
            Some(e) if !e.is_instance_of::<PyException>(py) => {
                self.slots.clear();
                return Err(e);
            }
            Some(e) => self.slots.push_back(Slot::Failed(e)),
            None => {}
        }
        Ok(())
    }

    /// Hands a batch of texts to the pool.
    fn send(&mut self, keys: Vec<Key>, texts: Vec<String>) {
        let (tx, outcomes) = mpsc::sync_channel(1);
        let job = self.job.clone();
        let work = move || {
            let done: Vec<Outcome> = texts.iter().map(|t| analysis(&job, t)).collect();
            // The receiver is gone only when the stream was dropped.
            let _ = tx.send(done);
        };
        match &self.pool {
            Some(pool) => pool.spawn(work),
            None => rayon::spawn(work),
        }
        self.slots.push_back(Slot::Batch { keys, outcomes });
    }
}

/// One input item: a text, or an `(id, text)` pair (a tuple or a list).
fn input(item: &Bound<'_, PyAny>) -> PyResult<(Key, String)> {
    if item.is_instance_of::<PyString>()
        || item.is_instance_of::<PyBytes>()
        || item.is_instance_of::<PyByteArray>()
    {
        return Ok((Key::Text, article_text("text", item)?));
    }
    let pair = if let Ok(t) = item.cast::<PyTuple>() {
        (t.len() == 2).then(|| (t.get_item(0), t.get_item(1)))
    } else if let Ok(l) = item.cast::<PyList>() {
        (l.len() == 2).then(|| (l.get_item(0), l.get_item(1)))
    } else {
        None
    };
    match pair {
        Some((Ok(id), Ok(text))) => Ok((Key::Pair(id.unbind()), article_text("text", &text)?)),
        _ => Err(PyTypeError::new_err(format!(
            "extract_many takes strings or (id, text) pairs, not {}",
            described(item)
        ))),
    }
}

/// A refused item's type, with its length when it is a sequence.
fn described(item: &Bound<'_, PyAny>) -> String {
    match item.len() {
        Ok(n) if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() => {
            format!("a {} of {n} items", type_name(item))
        }
        _ => type_name(item),
    }
}

/// What the stream yields for one input.
fn yielded(py: Python<'_>, key: Key, outcome: Outcome) -> PyResult<Py<PyAny>> {
    let found = to_python(py, outcome, Part::Claims)?;
    match key {
        Key::Text => Ok(found),
        Key::Pair(id) => Ok(PyTuple::new(py, [id, found])?.into_any().unbind()),
    }
}

/// The pool for `n_jobs` threads; None for rayon's global pool.
pub fn pool(n_jobs: Option<usize>) -> PyResult<Option<ThreadPool>> {
    n_jobs
        .map(|n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))
        })
        .transpose()
}
