//! mirrorguard's command-line side as a library: the mesh configuration generator and the
//! OCI packager, so that tests and the end-to-end harness render exactly what users apply.

pub mod generate;
pub mod package;
