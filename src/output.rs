//! Results on disk: the output folder that is replaced as a whole, the files
//! `planlift extract`, `tables` and `compare` write into it, and an `extract` folder read
//! back (for `compare` and `merge`).

use std::path::{Path, PathBuf};

use crate::api::{BatchResult, Comparison, Error, TableFiles};
use crate::batch::outdir::{Kind, Staging};
use crate::record::{Activity, DocumentRecord, GoalRecord};
use crate::write::{self, columns::Rows};
use crate::Extraction;

pub use crate::write::{CsvDialect, Formats};

/// An output folder while it is written: complete or untouched.
///
/// The files go into a hidden folder beside the target, which replaces the target in
/// one step at [`OutputFolder::commit`]; a reader sees the whole previous set or the
/// whole new one. Dropped without a commit, the target stays as it was. A folder that
/// also holds files planlift did not write is written in place, file by file, each
/// atomically, and every other file in it is kept. Two runs cannot write one folder at
/// once.
///
/// ```
/// let out = planlift::extract_batch(&["fixtures/word"], &Default::default()).unwrap();
/// let dir = std::env::temp_dir().join(format!("planlift-doc-{}", std::process::id()));
/// let folder = planlift::OutputFolder::for_extract(&dir).unwrap();
/// folder.write_result(&out, planlift::Formats::default(), planlift::CsvDialect::Rfc4180).unwrap();
/// folder.commit().unwrap();
/// assert!(dir.join("activities.csv").is_file());
/// assert_eq!(planlift::BatchResult::read_from(&dir).unwrap().activities, out.activities);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct OutputFolder {
    target: PathBuf,
    staging: Staging,
    /// Stems (`source_file` without its extension) that several files of the batch share
    /// (`plan.docx`, `plan.pdf`): their tables are named by the whole file name.
    shared_stems: std::collections::HashSet<String>,
}

impl OutputFolder {
    /// Starts writing the outputs of `extract` into `dir`: a new or empty folder, or one
    /// an earlier run wrote. `Err` (found before any work starts) where it cannot be
    /// written or another run is writing it.
    pub fn for_extract(dir: impl AsRef<Path>) -> Result<OutputFolder, Error> {
        OutputFolder::begin(dir.as_ref(), Kind::Extract)
    }

    /// Starts writing the outputs of `tables` into `dir`, as [`OutputFolder::for_extract`].
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("planlift-doc-tables-{}", std::process::id()));
    /// let folder = planlift::OutputFolder::for_tables(&dir).unwrap();
    /// for file in planlift::tables_batch(&["fixtures/word"], &Default::default()).unwrap() {
    ///     folder.write_tables(&file.unwrap()).unwrap();
    /// }
    /// folder.commit().unwrap();
    /// assert!(dir.join("kalmar-handlingsplan-2016-2020.table-3.csv").is_file());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn for_tables(dir: impl AsRef<Path>) -> Result<OutputFolder, Error> {
        OutputFolder::begin(dir.as_ref(), Kind::Tables)
    }

    fn begin(dir: &Path, kind: Kind) -> Result<OutputFolder, Error> {
        let staging = Staging::begin(dir, kind).map_err(|e| Error::new(None, e))?;
        Ok(OutputFolder {
            target: dir.to_path_buf(),
            staging,
            shared_stems: Default::default(),
        })
    }

    fn failed(&self, e: std::io::Error) -> Error {
        Error::new(Some(&self.target), e.to_string())
    }

    /// Writes one file named `name` into the folder.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        self.staging.write(name, bytes).map_err(|e| self.failed(e))
    }

    /// Writes every table of a batch (activities, documents, goals, plans, tracking) in
    /// the chosen formats, with `datapackage.json` beside the CSVs.
    pub fn write_result(
        &self,
        result: &BatchResult,
        formats: Formats,
        dialect: CsvDialect,
    ) -> Result<(), Error> {
        let tables = [
            Rows::of("activities", &result.activities),
            Rows::of("documents", &result.documents),
            Rows::of("goals", &result.goals),
            Rows::of("plans", &result.plans),
            Rows::of("tracking", &result.tracking),
        ];
        for rows in &tables {
            if formats.csv {
                let name = format!("{}.csv", rows.table);
                self.write(&name, &write::csv_rows(rows, dialect))?;
            }
            if formats.json {
                let name = format!("{}.json", rows.table);
                self.write(&name, &write::json_array(&rows.values))?;
            }
            if formats.parquet {
                let bytes = write::parquet::parquet(rows)
                    .map_err(|e| self.failed(std::io::Error::other(e)))?;
                self.write(&format!("{}.parquet", rows.table), &bytes)?;
            }
        }
        if formats.csv {
            self.write("datapackage.json", &write::datapackage::descriptor(dialect))?;
        }
        if formats.jsonl {
            self.write("activities.jsonl", &write::json_lines(&tables[0].values))?;
        }
        if formats.xlsx {
            let bytes = write::xlsx::workbook(&tables)
                .map_err(|e| self.failed(std::io::Error::other(e)))?;
            self.write("planlift.xlsx", &bytes)?;
        }
        Ok(())
    }

    /// Names the files of the batch whose tables will be written (their `source_file`,
    /// as [`crate::input_names`] lists them), so that files sharing a stem (`plan.docx`
    /// and `plan.pdf`) keep their tables apart.
    pub fn expect_tables_of(&mut self, names: &[String]) {
        let mut seen = std::collections::HashSet::new();
        for name in names {
            let stem = stem_of(name);
            if !seen.insert(stem.to_string()) {
                self.shared_stems.insert(stem.to_string());
            }
        }
    }

    /// Writes one file's raw tables: `<stem>.tables.json` and `<stem>.table-N.csv`, the
    /// stem its `source_file` without the extension (with it, where another file of the
    /// batch named in [`OutputFolder::expect_tables_of`] has the same stem), folders
    /// joined by `__`.
    pub fn write_tables(&self, file: &TableFiles) -> Result<(), Error> {
        let source = file.source_file.as_str();
        let stem = match stem_of(source) {
            s if self.shared_stems.contains(s) => source,
            s => s,
        };
        let stem = stem.replace('/', "__");
        for (i, csv) in file.csvs.iter().enumerate() {
            self.write(&format!("{stem}.table-{}.csv", i + 1), csv.as_bytes())?;
        }
        self.write(&format!("{stem}.tables.json"), file.json.as_bytes())
    }

    /// Puts the written folder in place of the target; the previous outputs go.
    pub fn commit(self) -> Result<(), Error> {
        let target = self.target;
        self.staging
            .commit()
            .map_err(|e| Error::new(Some(&target), e.to_string()))
    }
}

/// A file name without its extension.
fn stem_of(source: &str) -> &str {
    source.rsplit_once('.').map_or(source, |(s, _)| s)
}

fn read_json<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<Vec<T>, Error> {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| Error {
        not_found: e.kind() == std::io::ErrorKind::NotFound,
        ..Error::new(
            Some(&path),
            format!(
                "{e} (is it a folder written by `planlift extract` with json among its formats?)"
            ),
        )
    })?;
    serde_json::from_str(&text).map_err(|e| Error::new(Some(&path), e.to_string()))
}

/// A file's rows, none where the file is missing.
fn optional<T>(read: Result<Vec<T>, Error>) -> Result<Vec<T>, Error> {
    match read {
        Err(e) if e.not_found => Ok(Vec::new()),
        other => other,
    }
}

impl BatchResult {
    /// Reads back the JSON outputs of an `extract` run (`documents.json`,
    /// `activities.json`; goals, plans and tracking where the folder has them).
    pub fn read_from(dir: impl AsRef<Path>) -> Result<BatchResult, Error> {
        let dir = dir.as_ref();
        Ok(BatchResult {
            documents: read_json(dir, "documents.json")?,
            activities: read_json(dir, "activities.json")?,
            goals: optional(read_json(dir, "goals.json"))?,
            plans: optional(read_json(dir, "plans.json"))?,
            tracking: optional(read_json(dir, "tracking.json"))?,
            notices: Vec::new(),
        })
    }

    /// Combines the output folders of the shards of one batch (`extract --shard K/N`)
    /// into the result of one run over all inputs; plans and tracking are built again
    /// over all documents. A document found in two shards is an error.
    ///
    /// ```
    /// let e = planlift::BatchResult::merge_folders(&["no/such/shard"]).unwrap_err();
    /// assert!(e.not_found);
    /// ```
    pub fn merge_folders<P: AsRef<Path>>(dirs: &[P]) -> Result<BatchResult, Error> {
        let mut extractions = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for dir in dirs {
            let dir = dir.as_ref();
            for e in shard_extractions(dir)? {
                if !seen.insert(e.document.source_file.clone()) {
                    let reason = format!(
                        "`{}` is also in another shard; merge shards of one batch",
                        e.document.source_file
                    );
                    return Err(Error::new(Some(dir), reason));
                }
                extractions.push(e);
            }
        }
        Ok(BatchResult::gather(extractions))
    }
}

/// The extractions a shard folder holds, one per document, its records in order.
fn shard_extractions(dir: &Path) -> Result<Vec<Extraction>, Error> {
    let documents: Vec<DocumentRecord> = read_json(dir, "documents.json")?;
    let activities: Vec<Activity> = read_json(dir, "activities.json")?;
    let goals: Vec<GoalRecord> = read_json(dir, "goals.json")?;
    let mut out: Vec<Extraction> = documents
        .into_iter()
        .map(|mut document| {
            document.plan_id = None;
            document.rendition_of = None;
            Extraction {
                document,
                activities: Vec::new(),
                goals: Vec::new(),
            }
        })
        .collect();
    let index: std::collections::HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, e)| (e.document.source_file.clone(), i))
        .collect();
    let find = |source_file: &str| {
        index.get(source_file).copied().ok_or_else(|| {
            let reason = format!("a record of `{source_file}`, which documents.json does not list");
            Error::new(Some(dir), reason)
        })
    };
    for a in activities {
        let i = find(&a.source_file)?;
        out[i].activities.push(a);
    }
    for g in goals {
        let i = find(&g.source_file)?;
        out[i].goals.push(g);
    }
    Ok(out)
}

impl Comparison {
    /// Writes `comparison.csv|json`, `municipalities.csv|json` and `report.html` into
    /// `dir` (created where missing), each file atomically.
    ///
    /// ```
    /// let out = planlift::extract_batch(&["fixtures/word"], &Default::default()).unwrap();
    /// let c = planlift::compare(&out, planlift::Count::Plans, &planlift::Knowledge::builtin());
    /// let dir = std::env::temp_dir().join(format!("planlift-doc-compare-{}", std::process::id()));
    /// c.write_into(&dir, planlift::CsvDialect::Excel).unwrap();
    /// assert!(std::fs::read(dir.join("comparison.csv")).unwrap().starts_with(b"\xEF\xBB\xBF"));
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn write_into(&self, dir: impl AsRef<Path>, dialect: CsvDialect) -> Result<(), Error> {
        use crate::compare::{COMPARISON_COLUMNS, SUMMARY_COLUMNS};
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| Error::new(Some(dir), e.to_string()))?;
        let files: [(&str, Vec<u8>); 5] = [
            (
                "comparison.csv",
                write::csv(&self.rows, COMPARISON_COLUMNS, &[], dialect),
            ),
            ("comparison.json", write::json_array(&self.rows)),
            (
                "municipalities.csv",
                write::csv(&self.municipalities, SUMMARY_COLUMNS, &[], dialect),
            ),
            (
                "municipalities.json",
                write::json_array(&self.municipalities),
            ),
            ("report.html", self.report_html.as_bytes().to_vec()),
        ];
        for (name, bytes) in files {
            let path = dir.join(name);
            write::atomic_write(&path, &bytes)
                .map_err(|e| Error::new(Some(&path), e.to_string()))?;
        }
        Ok(())
    }
}
