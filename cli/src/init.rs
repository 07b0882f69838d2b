//! `dangjian init`: a new community from a roster (branches and groups from its 所在支部 and
//! 党小组 columns) or from a short TOML/JSON list of organizations, after confirming what will
//! be created; and the roster import shared with `import-roster`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dangjian::community::Community;
use dangjian::io::{Dataset, RosterImport};
use dangjian::member::{EventRecord, EventType};
use dangjian::org::{OrgKind, OrgRecord};

use crate::i18n::t;
use crate::{out, CliError};

/// Options of `init`.
pub struct InitArgs {
    pub name: String,
    pub roster: Option<PathBuf>,
    pub orgs: Option<PathBuf>,
    pub as_of: Option<NaiveDate>,
    pub root_kind: OrgKind,
    pub out: PathBuf,
    pub yes: bool,
    pub dry_run: bool,
}

/// The branch and group of each data row of a roster, in row order.
struct RosterOrgs {
    /// (branch, group) per member row.
    rows: Vec<(String, Option<String>)>,
}

fn roster_orgs(path: &Path) -> Result<RosterOrgs, CliError> {
    let bytes = out::read_file(path)?;
    // The core finds the header row and the 所在支部 / 党小组 columns as its importer does.
    let rows = dangjian::io::roster_branch_columns(&bytes, None)
        .map_err(|e| CliError::lib(&t!("err-roster", path = path.display()), e.code(), e))?;
    Ok(RosterOrgs { rows })
}

fn root_name(name: &str, kind: OrgKind) -> String {
    let suffix = match kind {
        OrgKind::Committee => "党委",
        OrgKind::WorkingCommittee => "党工委",
        OrgKind::GeneralBranch => "党总支",
        OrgKind::Branch => "党支部",
        OrgKind::Group => "党小组",
    };
    format!("{name}{suffix}")
}

/// A roster row's branch name and the id of its group, if any.
type RowAssignment = (String, Option<String>);

/// The organizations of a roster: the root, one branch per distinct 所在支部 (in order of first
/// appearance) and one group per distinct 党小组 of a branch.
fn plan_from_roster(
    name: &str,
    kind: OrgKind,
    founded: NaiveDate,
    ro: &RosterOrgs,
) -> Result<(Vec<OrgRecord>, Vec<RowAssignment>), CliError> {
    let mut branches: Vec<String> = Vec::new();
    let mut groups: Vec<(usize, String)> = Vec::new();
    for (b, g) in &ro.rows {
        if b.is_empty() {
            continue;
        }
        let bi = match branches.iter().position(|x| x == b) {
            Some(i) => i,
            None => {
                branches.push(b.clone());
                branches.len() - 1
            }
        };
        if let Some(g) = g {
            if !groups.iter().any(|(i, x)| *i == bi && x == g) {
                groups.push((bi, g.clone()));
            }
        }
    }
    let mut orgs = Vec::new();
    let root_is_branch = kind == OrgKind::Branch;
    if root_is_branch && branches.len() > 1 {
        return Err(CliError::new(
            "bad_root_kind",
            t!("err-root-branch", count = branches.len()),
        ));
    }
    let root_id = if root_is_branch { "B1" } else { "Z" };
    let root_label = if root_is_branch {
        branches
            .first()
            .cloned()
            .unwrap_or_else(|| root_name(name, kind))
    } else {
        root_name(name, kind)
    };
    orgs.push(OrgRecord::new(root_id, &root_label, kind, None, founded));
    let mut branch_ids = Vec::new();
    for (i, b) in branches.iter().enumerate() {
        if root_is_branch {
            branch_ids.push(root_id.to_string());
        } else {
            let id = format!("B{}", i + 1);
            orgs.push(OrgRecord::new(
                &id,
                b,
                OrgKind::Branch,
                Some(root_id),
                founded,
            ));
            branch_ids.push(id);
        }
    }
    let mut group_ids: Vec<(usize, String, String)> = Vec::new();
    for (bi, g) in &groups {
        let k = group_ids.iter().filter(|(b, _, _)| b == bi).count() + 1;
        let bid = branch_ids.get(*bi).cloned().unwrap_or_default();
        let id = format!("G{}-{k}", bid.trim_start_matches('B'));
        orgs.push(OrgRecord::new(&id, g, OrgKind::Group, Some(&bid), founded));
        group_ids.push((*bi, g.clone(), id));
    }
    // tree order: each branch followed by its groups
    let rank = |o: &OrgRecord| -> (usize, usize) {
        let branch_of = |id: &str| branch_ids.iter().position(|b| b == id).map_or(0, |p| p + 1);
        match o.kind {
            OrgKind::Group => (o.parent.as_deref().map_or(0, branch_of), 1),
            _ if o.parent.is_none() => (0, 0),
            _ => (branch_of(&o.id), 0),
        }
    };
    orgs.sort_by_key(|o| rank(o));
    // per row: the group id to assign, if any
    let assign = ro
        .rows
        .iter()
        .map(|(b, g)| {
            let bi = branches.iter().position(|x| x == b);
            let gid = g.as_ref().and_then(|g| {
                group_ids
                    .iter()
                    .find(|(i, x, _)| Some(*i) == bi && x == g)
                    .map(|(_, _, id)| id.clone())
            });
            (b.clone(), gid)
        })
        .collect();
    Ok((orgs, assign))
}

/// Organizations from a TOML or JSON file: `{"orgs": [{"id", "name", "kind", "parent", "founded"}…]}`.
fn orgs_from_file(path: &Path) -> Result<Vec<OrgRecord>, CliError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct OrgsFile {
        orgs: Vec<OrgRecord>,
    }
    let bytes = out::read_file(path)?;
    let text = String::from_utf8_lossy(&bytes);
    let what = t!("err-orgs-file", path = path.display());
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let f: OrgsFile = if is_toml {
        toml::from_str(&text).map_err(|e| CliError::lib(&what, "toml", e))?
    } else {
        dangjian::io::parse_json(&text).map_err(|e| CliError::lib(&what, e.code(), e))?
    };
    Ok(f.orgs)
}

fn kind_label(k: OrgKind) -> &'static str {
    match k {
        OrgKind::Committee => "党委",
        OrgKind::WorkingCommittee => "党工委",
        OrgKind::GeneralBranch => "党总支",
        OrgKind::Branch => "党支部",
        OrgKind::Group => "党小组",
    }
}

/// The plan shown before anything is written.
fn describe(
    name: &str,
    orgs: &[OrgRecord],
    members: Option<usize>,
    per_branch: &[(String, usize)],
) -> String {
    let mut s = t!("plan-title", name = name);
    s.push('\n');
    let depth = |o: &OrgRecord| {
        let mut d = 0;
        let mut p = o.parent.clone();
        while let Some(id) = p {
            d += 1;
            p = orgs
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.parent.clone());
            if d > 16 {
                break;
            }
        }
        d
    };
    for o in orgs {
        let n = per_branch
            .iter()
            .find(|(b, _)| *b == o.id.as_str())
            .map(|(_, n)| format!("  {}", t!("plan-members", count = *n)))
            .unwrap_or_default();
        s.push_str(&format!(
            "  {}{} {}（{}，{}）{n}\n",
            "  ".repeat(depth(o)),
            o.id,
            o.name,
            kind_label(o.kind),
            t!("plan-founded", date = o.founded)
        ));
    }
    if let Some(m) = members {
        s.push_str(&t!("plan-total", orgs = orgs.len(), members = m));
        s.push('\n');
    }
    s
}

fn confirm(yes: bool) -> Result<bool, CliError> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::new("not_confirmed", t!("err-need-yes")));
    }
    eprint!("{}", t!("plan-confirm"));
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| CliError::new("io", e.to_string()))?;
    let a = line.trim().to_lowercase();
    Ok(a == "y" || a == "yes" || a == "是")
}

/// Runs `init`.
pub fn run(a: &InitArgs) -> Result<(), CliError> {
    if a.out.exists() && !a.dry_run {
        return Err(CliError::new(
            "exists",
            t!("err-out-exists", path = a.out.display()),
        ));
    }
    let mut ds = Dataset::new(&a.name);
    let mut assign = Vec::new();
    let mut imported = None;
    match (&a.orgs, &a.roster) {
        (Some(p), _) => ds.orgs = orgs_from_file(p)?,
        (None, Some(r)) => {
            let as_of = a
                .as_of
                .ok_or_else(|| CliError::new("missing_as_of", t!("err-need-as-of")))?;
            let ro = roster_orgs(r)?;
            let (orgs, rows) = plan_from_roster(&a.name, a.root_kind, as_of, &ro)?;
            ds.orgs = orgs;
            assign = rows;
        }
        (None, None) => return Err(CliError::new("no_data", t!("err-init-source"))),
    }
    let c = crate::session(ds, &t!("err-dataset-invalid"))?;
    if let Some(r) = &a.roster {
        let as_of = a
            .as_of
            .ok_or_else(|| CliError::new("missing_as_of", t!("err-need-as-of")))?;
        imported = Some(import_roster(&c, r, &crate::roster_options(as_of))?);
    }
    let mut ds = c.into_dataset();
    let per_branch: Vec<(String, usize)> = match &imported {
        Some(imp) => {
            let mut v: Vec<(String, usize)> = Vec::new();
            for e in &imp.events {
                if let Some(b) = &e.branch {
                    match v.iter_mut().find(|(x, _)| x == b.as_str()) {
                        Some((_, n)) => *n += 1,
                        None => v.push((b.to_string(), 1)),
                    }
                }
            }
            v
        }
        None => Vec::new(),
    };
    out::note(&describe(
        &a.name,
        &ds.orgs,
        imported.as_ref().map(|i| i.members.len()),
        &per_branch,
    ));
    if a.dry_run {
        return Ok(());
    }
    if !confirm(a.yes)? {
        return Err(CliError::new("not_confirmed", t!("err-cancelled")));
    }
    if let (Some(mut imp), Some(as_of)) = (imported, a.as_of) {
        // 党小组: assign the members of each row to its group, unless the importer did
        let assigned: std::collections::HashSet<String> = imp
            .events
            .iter()
            .filter(|e| e.kind == EventType::GroupAssigned || e.group.is_some())
            .map(|e| e.member.to_string())
            .collect();
        if imp.members.len() == assign.len() {
            for (m, (_, g)) in imp.members.iter().zip(&assign) {
                if let Some(g) = g {
                    if !assigned.contains(m.id.as_str()) {
                        imp.events.push(
                            EventRecord::new(&m.id, as_of, EventType::GroupAssigned).group(g),
                        );
                    }
                }
            }
        }
        apply_import(&mut ds, imp)?;
    }
    crate::check_dataset(&ds)?;
    let json = ds
        .to_json()
        .map_err(|e| CliError::lib(&t!("err-dataset-write"), e.code(), e))?;
    out::write_file(&a.out, json.as_bytes())?;
    out::note(&t!("note-wrote", path = a.out.display()));
    Ok(())
}

/// Reads a roster (CSV or XLSX) against the organizations of the session `c`, every bad cell
/// reported.
pub fn import_roster(
    c: &Community,
    path: &Path,
    options: &dangjian::io::RosterOptions,
) -> Result<RosterImport, CliError> {
    let bytes = out::read_file(path)?;
    // The one roster import of the core: the format (CSV in UTF-8, UTF-16 or GB18030, .xlsx,
    // .xls, WPS .et) is found from the content, not the file name.
    let r = dangjian::io::import_roster_with(
        &bytes,
        None,
        c.registry().tree(),
        options,
        &dangjian::io::gb18030,
    );
    if let Ok(imported) = &r {
        if let Some(sheet) = &imported.sheet {
            out::note(&t!("note-roster-sheet", sheet = sheet.as_str()));
        }
    }
    r.map_err(|e| match e {
        dangjian::io::ImportError::Rows(rows) => {
            for row in &rows {
                out::note(&row.to_string());
            }
            // The error list as a workbook beside the roster, bad cells marked.
            let errors_path = dangjian::io::roster_errors_path(path);
            match dangjian::io::roster_error_workbook(&bytes, options, &rows)
                .ok()
                .map(|wb| out::write_file(&errors_path, &wb))
            {
                Some(Ok(())) => out::note(&t!("note-roster-errors", path = errors_path.display())),
                _ => out::note(&t!("note-roster-errors-failed")),
            }
            CliError::new(
                "invalid_rows",
                t!("err-sheet-invalid", count = rows.len(), sheet = "花名册"),
            )
        }
        other => CliError::lib(
            &t!("err-roster", path = path.display()),
            other.code(),
            other,
        ),
    })
}

/// Appends a roster import to `ds` (checked first by the core session's all-or-nothing
/// import; the records are appended in the roster's order).
pub fn apply_import(ds: &mut Dataset, imp: RosterImport) -> Result<(), CliError> {
    let what = t!("err-dataset-invalid");
    let mut c = crate::session(ds.clone(), &what)?;
    c.import(imp.members.clone(), imp.events.clone())
        .map_err(|e| CliError::lib(&what, e.code(), e))?;
    ds.members.extend(imp.members);
    ds.events.extend(imp.events);
    Ok(())
}
