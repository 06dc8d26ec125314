//! Planning and writing the variables into .env files, shared by `setup`, `rotate` and the wizard:
//! every file is read and planned before any is written, so a problem with one leaves all as they
//! were.

use std::path::PathBuf;

use crate::core::dotenv::{ChangeKind, Document, Edit, upsert};
use crate::core::host::Host;
use crate::core::keys::KeyPair;
use crate::core::vars::{Config, Family, Variable, build_variables};
use crate::exit::{Exit, Failure};
use crate::io::envfile::{EnvFile, WriteReport};

/// One .env file and what the edit will do to it.
pub struct Planned {
    pub file: EnvFile,
    /// What this file gets: the chosen families, or (rotating) the families already in it.
    pub variables: Vec<Variable>,
    pub edit: Edit,
}

impl Planned {
    /// Values that exist with another value and would be replaced.
    pub fn has_updates(&self) -> bool {
        self.edit
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::Updated)
    }

    /// Writes the file (atomically, keeping a `.bak`); `None` when it already holds exactly this.
    pub fn write(&self) -> Result<Option<WriteReport>, Failure> {
        if self.edit.is_noop() && self.file.existed {
            return Ok(None);
        }
        Ok(Some(self.file.write(&self.edit.text)?))
    }
}

/// What to write where.
pub struct PlanRequest<'a> {
    pub paths: &'a [PathBuf],
    pub follow_symlinks: bool,
    pub host: &'a Host,
    pub keys: &'a KeyPair,
    pub families: &'a [Family],
    pub ingestion_version: Option<u8>,
    /// Rotation replaces the keys where they are and adds no family a file did not have.
    pub rotating: bool,
}

pub fn plan(request: &PlanRequest<'_>) -> Result<Vec<Planned>, Failure> {
    let files = request
        .paths
        .iter()
        .map(|path| EnvFile::read(path, request.follow_symlinks))
        .collect::<Result<Vec<_>, _>>()?;
    let build = |families: &[Family]| {
        build_variables(&Config {
            host: Some(request.host),
            keys: request.keys,
            families,
            ingestion_version: request.ingestion_version,
        })
    };
    let mut plans = Vec::new();
    for file in files {
        let present = families_in(&file.text);
        let variables = if request.rotating && !present.is_empty() {
            build(&present)
        } else {
            build(request.families)
        };
        let pairs: Vec<(&str, &str)> = variables.iter().map(|v| (v.name, v.expose())).collect();
        let edit = upsert(&file.text, &pairs).map_err(|e| {
            Failure::new(Exit::InvalidInput, format!("{}: {e}", file.path.display()))
        })?;
        plans.push(Planned {
            file,
            variables,
            edit,
        });
    }
    Ok(plans)
}

/// The families that have at least one variable in the text.
pub fn families_in(text: &str) -> Vec<Family> {
    let doc = Document::parse(text);
    Family::ALL
        .into_iter()
        .filter(|family| {
            family
                .variable_names()
                .iter()
                .any(|name| doc.assignments(name).next().is_some())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_are_found_by_any_of_their_variables() {
        assert_eq!(
            families_in("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\nLANGFUSE_HOST=x\n"),
            [Family::Otel, Family::Langfuse]
        );
        assert!(families_in("# TRACELOOP_HEADERS=x\nOTHER=1\n").is_empty());
    }
}
