//! Placeholder replaced by the scorer port.
