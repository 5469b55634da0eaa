//! Speaker resolution within one article: surnames and name variants to the
//! full name (`Ushakov` → `Yury Ushakov`, `Steve`/`Steven Witkoff`), role
//! descriptions to the person the article names in that role (`the US
//! president` → `Donald Trump`), pronouns to the latest compatible speaker,
//! and documents (`the statement`) to the body that issued them.

mod index;
mod priors;
mod registry;
mod resolve;
mod words;

pub(crate) use priors::{Prior, Priors};
pub(crate) use registry::Registry;
pub(crate) use resolve::ResolveContext;
