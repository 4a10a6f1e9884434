//! See the module docs once written.
