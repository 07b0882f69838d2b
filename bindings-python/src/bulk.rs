//! Bulk scoring of an Arrow table of events: the columns are read whole (no Python object
//! per row) and handed to the core's columnar kernel `scoring::score_columns`.
//!
//! Event columns:
//! - `subject`: integer codes (`0..n`), or strings / dictionary-encoded strings (ids);
//! - `item`: integer item indices of the rule set, or item codes (strings / dictionary);
//! - `date`: `date32`, or integer day numbers (days since 1970-01-01);
//! - `quantity` (optional, 1 when absent): `int64` thousandths, `decimal128(_, s)` with
//!   `s ≤ 3`, or — only with `float_quantity=True` — floats, each of which must have at most
//!   three decimals (checked by the core's `Fixed` parser; never rounded).
//!
//! Subjects (optional table with `subject` and `group` columns): the universe of subjects and
//! the organization each is ranked in. Without it the subjects are the distinct ids of the
//! events (sorted), or codes `0..=max`, all in one group.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Date32Type, Decimal128Type, Int32Type, Int64Type, UInt16Type, UInt32Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use dangjian::fixed::Fixed;
use dangjian::scoring::{
    score_columns, BulkInput, BulkOptions, Columns, Groups, PeriodScores, ScoringError, NO_GRADE,
};
use pyo3::prelude::*;
use pyo3_arrow::PyTable;

use crate::api::{to_period, RuleSet};
use crate::errors::py_err;
use crate::table::{arrow_err, Cols, Table};

fn bad(column: &'static str, position: usize, reason: impl Into<String>) -> PyErr {
    py_err(ScoringError::BadColumn {
        column,
        position,
        reason: reason.into(),
    })
}

/// One column of all batches, concatenated (empty when there are no batches).
fn column(
    batches: &[RecordBatch],
    schema: &SchemaRef,
    name: &'static str,
) -> PyResult<Option<ArrayRef>> {
    let Ok(field) = schema.field_with_name(name) else {
        return Ok(None);
    };
    if batches.is_empty() {
        return Ok(Some(arrow_array::new_empty_array(field.data_type())));
    }
    let parts: Vec<ArrayRef> = batches
        .iter()
        .filter_map(|b| b.column_by_name(name).cloned())
        .collect();
    let refs: Vec<&dyn Array> = parts.iter().map(|a| a.as_ref()).collect();
    Ok(Some(arrow_select_concat(&refs)?))
}

fn arrow_select_concat(parts: &[&dyn Array]) -> PyResult<ArrayRef> {
    match parts {
        [one] => Ok(arrow_array::make_array(one.to_data())),
        _ => arrow_select::concat::concat(parts).map_err(arrow_err),
    }
}

fn no_nulls(a: &dyn Array, name: &'static str) -> PyResult<()> {
    if a.null_count() > 0 {
        let pos = (0..a.len()).find(|&i| a.is_null(i)).unwrap_or(0);
        return Err(bad(name, pos, "is null"));
    }
    Ok(())
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Strings of a text or dictionary-of-text column, as (dictionary values, code per row).
fn text_codes(a: &ArrayRef, name: &'static str) -> PyResult<Option<(Vec<String>, Vec<u32>)>> {
    let (values, keys): (ArrayRef, Vec<u32>) = match a.data_type() {
        DataType::Dictionary(_, v) if is_text(v) => {
            let d = a.as_any_dictionary();
            let k = arrow_cast::cast(d.keys(), &DataType::Int64).map_err(arrow_err)?;
            let keys = k
                .as_primitive::<Int64Type>()
                .values()
                .iter()
                .map(|&x| x as u32)
                .collect();
            (d.values().clone(), keys)
        }
        t if is_text(t) => {
            // Dictionary-encode: distinct strings, one code per row.
            let s = arrow_cast::cast(a, &DataType::Utf8).map_err(arrow_err)?;
            let s = s.as_string::<i32>();
            let mut index: HashMap<&str, u32> = HashMap::new();
            let mut vals: Vec<String> = Vec::new();
            let keys = s
                .iter()
                .map(|v| {
                    let v = v.unwrap_or("");
                    *index.entry(v).or_insert_with(|| {
                        vals.push(v.to_string());
                        (vals.len() - 1) as u32
                    })
                })
                .collect();
            let arr: ArrayRef = Arc::new(arrow_array::StringArray::from_iter_values(vals));
            (arr, keys)
        }
        _ => return Ok(None),
    };
    let v = arrow_cast::cast(&values, &DataType::Utf8).map_err(arrow_err)?;
    let v = v.as_string::<i32>();
    let _ = name;
    Ok(Some((
        v.iter().map(|s| s.unwrap_or("").to_string()).collect(),
        keys,
    )))
}

/// Integer values of a column as `T`, checked to lie in `lo..=hi`. A column that already has
/// `T`'s Arrow type is borrowed (no copy); any other integer type is cast once.
fn ints<'a, T>(
    a: &'a ArrayRef,
    name: &'static str,
    lo: i64,
    hi: i64,
) -> PyResult<Cow<'a, [T::Native]>>
where
    T: ArrowPrimitiveType,
    T::Native: Into<i64> + TryFrom<i64> + Default,
{
    let outside = |p: usize, v: i64| bad(name, p, format!("value {v} is outside {lo}..={hi}"));
    if a.data_type() == &T::DATA_TYPE {
        let v: &[T::Native] = a.as_primitive::<T>().values();
        if let Some(p) = v.iter().position(|x| {
            let x: i64 = (*x).into();
            x < lo || x > hi
        }) {
            return Err(outside(p, v.get(p).map_or(0, |x| (*x).into())));
        }
        return Ok(Cow::Borrowed(v));
    }
    let integer_dict = matches!(a.data_type(), DataType::Dictionary(_, v) if v.is_integer());
    if !a.data_type().is_integer() && !integer_dict {
        return Err(bad(
            name,
            0,
            format!("has type {}, expected integers or strings", a.data_type()),
        ));
    }
    let c = arrow_cast::cast(a, &DataType::Int64).map_err(arrow_err)?;
    let v = c.as_primitive::<Int64Type>().values();
    if let Some(p) = v.iter().position(|x| *x < lo || *x > hi) {
        return Err(outside(p, v.get(p).copied().unwrap_or(0)));
    }
    // In range of `T` (lo and hi lie in it), so the conversion never falls back.
    Ok(Cow::Owned(
        v.iter()
            .map(|x| T::Native::try_from(*x).unwrap_or_default())
            .collect(),
    ))
}

/// Subject labels: strings, integer ids (the `subjects` table's, in kernel-code order), or
/// the kernel's codes themselves.
enum Labels<'a> {
    Text(Vec<String>),
    Ids(Cow<'a, [u32]>),
    Codes(usize),
}

/// Organization labels: strings, or the distinct integer codes of the `group` column (sorted).
enum OrgLabels {
    Text(Vec<String>),
    Codes(Vec<u32>),
}

/// How point columns are returned (`points=` of `score_events`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Points {
    /// `decimal128(18, 3)`: exact points.
    Decimal,
    /// `int64` thousandths of a point: the kernel's own values, without a conversion.
    Thousandths,
}

impl Points {
    fn parse(s: &str) -> PyResult<Points> {
        match s {
            "decimal" => Ok(Points::Decimal),
            "thousandths" => Ok(Points::Thousandths),
            other => Err(pyo3::exceptions::PyValueError::new_err(format!(
                "points={other:?}: expected \"decimal\" or \"thousandths\""
            ))),
        }
    }
}

/// Kernel codes of integer `subject` ids listed in a `subjects` table: `ids` (one per subject,
/// distinct) and the events' ids. When `ids` is `0..n` in order the events' ids are the codes
/// (borrowed when already `uint32`); otherwise each event's id is looked up (a dense table when
/// the ids are compact, a hash map when they are sparse).
fn integer_subjects<'a>(ids: &[u32], subj: &'a ArrayRef) -> PyResult<Cow<'a, [u32]>> {
    if is_text(subj.data_type())
        || matches!(subj.data_type(), DataType::Dictionary(_, v) if is_text(v))
    {
        return Err(bad(
            "subject",
            0,
            "must be integers when the `subjects` table's `subject` is integers",
        ));
    }
    let n = ids.len();
    if ids.iter().enumerate().all(|(i, v)| *v as usize == i) {
        let codes = ints::<UInt32Type>(subj, "subject", 0, i64::from(u32::MAX) - 1)?;
        if let Some(p) = codes.iter().position(|c| *c as usize >= n) {
            return Err(bad("subject", p, "is not in the `subjects` table"));
        }
        return Ok(codes);
    }
    let ev = ints::<UInt32Type>(subj, "subject", 0, i64::from(u32::MAX) - 1)?;
    let max = ids.iter().max().map_or(0, |m| *m as usize);
    let missing = |p: usize| bad("subject", p, "is not in the `subjects` table");
    if max <= n.saturating_mul(16).max(1 << 20) {
        let mut slot = vec![u32::MAX; max + 1];
        for (i, id) in ids.iter().enumerate() {
            if let Some(x) = slot.get_mut(*id as usize) {
                if *x != u32::MAX {
                    return Err(bad("subjects", i, format!("subject {id} repeats")));
                }
                *x = i as u32;
            }
        }
        ev.iter()
            .enumerate()
            .map(|(p, s)| {
                slot.get(*s as usize)
                    .copied()
                    .filter(|c| *c != u32::MAX)
                    .ok_or_else(|| missing(p))
            })
            .collect::<PyResult<Vec<u32>>>()
            .map(Cow::Owned)
    } else {
        let mut index: HashMap<u32, u32> = HashMap::with_capacity(n);
        for (i, id) in ids.iter().enumerate() {
            if index.insert(*id, i as u32).is_some() {
                return Err(bad("subjects", i, format!("subject {id} repeats")));
            }
        }
        ev.iter()
            .enumerate()
            .map(|(p, s)| index.get(s).copied().ok_or_else(|| missing(p)))
            .collect::<PyResult<Vec<u32>>>()
            .map(Cow::Owned)
    }
}

/// Group codes (one per subject) and their labels from the `subjects` table's `group` column:
/// strings (dictionary-encoded), or integers (made dense: code = rank among the distinct values).
fn group_codes(g: &ArrayRef) -> PyResult<(Vec<u32>, OrgLabels)> {
    no_nulls(g.as_ref(), "subjects")?;
    if let Some((gv, gk)) = text_codes(g, "group")? {
        return Ok((gk, OrgLabels::Text(gv)));
    }
    let raw = ints::<UInt32Type>(g, "group", 0, i64::from(u32::MAX))?;
    let mut distinct: Vec<u32> = raw.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let codes = raw
        .iter()
        .map(|v| distinct.binary_search(v).map_or(0, |i| i as u32))
        .collect();
    Ok((codes, OrgLabels::Codes(distinct)))
}

/// Scores an Arrow table of events (any object with `__arrow_c_stream__`: pyarrow, polars,
/// pandas ≥ 2.2, a `dangjian.Table`) under `rules` for `count` periods from `period`; returns
/// one row per subject and period.
#[pyfunction]
#[pyo3(signature = (rules, period, events, *, count = 1, subjects = None, float_quantity = false, parallel = true, points = "decimal", categories = true))]
#[allow(clippy::too_many_arguments)]
pub fn score_arrow(
    py: Python<'_>,
    rules: &RuleSet,
    period: &Bound<'_, PyAny>,
    events: PyTable,
    count: usize,
    subjects: Option<PyTable>,
    float_quantity: bool,
    parallel: bool,
    points: &str,
    categories: bool,
) -> PyResult<Table> {
    let points = Points::parse(points)?;
    let rules: &dangjian::scoring::CompiledRules = &rules.rules;
    let first = to_period(period, "period")?;
    let (batches, schema) = events.into_inner();
    let col = |name: &'static str| -> PyResult<ArrayRef> {
        column(&batches, &schema, name)?.ok_or_else(|| bad(name, 0, "column is missing"))
    };
    let subj = col("subject")?;
    let item = col("item")?;
    let date = col("date")?;
    let qty = column(&batches, &schema, "quantity")?;
    for (a, n) in [(&subj, "subject"), (&item, "item"), (&date, "date")] {
        no_nulls(a.as_ref(), n)?;
    }
    let req = Request {
        rules,
        first,
        count,
        item,
        date,
        qty,
        float_quantity,
        parallel,
        points,
        categories,
    };

    // Subjects and groups.
    let sub_batches = subjects.map(|s| s.into_inner());
    let (labels, subject_codes, group_codes, group_labels) = match &sub_batches {
        Some((sb, ss)) => {
            let ids =
                column(sb, ss, "subject")?.ok_or_else(|| bad("subjects", 0, "lacks `subject`"))?;
            no_nulls(ids.as_ref(), "subjects")?;
            let Some((ids_txt, ids_keys)) = text_codes(&ids, "subjects")? else {
                // Integer ids.
                let id_list =
                    ints::<UInt32Type>(&ids, "subjects", 0, i64::from(u32::MAX) - 1)?.into_owned();
                let codes = integer_subjects(&id_list, &subj)?;
                let (gcodes, glabels) = match column(sb, ss, "group")? {
                    Some(g) => group_codes(&g)?,
                    None => (vec![0; id_list.len()], OrgLabels::Text(vec![String::new()])),
                };
                let identity = id_list.iter().enumerate().all(|(i, v)| *v as usize == i);
                let labels = if identity {
                    Labels::Codes(id_list.len())
                } else {
                    Labels::Ids(Cow::Owned(id_list))
                };
                return finish(
                    py,
                    &req,
                    Subjects {
                        labels,
                        codes,
                        group_codes: gcodes,
                        group_labels: glabels,
                    },
                );
            };
            let id_list: Vec<String> = ids_keys
                .iter()
                .map(|k| ids_txt.get(*k as usize).cloned().unwrap_or_default())
                .collect();
            let mut index: HashMap<&str, u32> = HashMap::with_capacity(id_list.len());
            for (i, s) in id_list.iter().enumerate() {
                if index.insert(s.as_str(), i as u32).is_some() {
                    return Err(bad("subjects", i, format!("subject `{s}` repeats")));
                }
            }
            let (vals, keys) = text_codes(&subj, "subject")?
                .ok_or_else(|| bad("subject", 0, "must be strings when `subjects` is given"))?;
            let map: Vec<Option<u32>> = vals
                .iter()
                .map(|v| index.get(v.as_str()).copied())
                .collect();
            let codes = keys
                .iter()
                .enumerate()
                .map(|(p, k)| {
                    map.get(*k as usize)
                        .copied()
                        .flatten()
                        .ok_or_else(|| bad("subject", p, "is not in the `subjects` table"))
                })
                .collect::<PyResult<Vec<u32>>>()?;
            let (gcodes, glabels) = match column(sb, ss, "group")? {
                Some(g) => group_codes(&g)?,
                None => (vec![0; id_list.len()], OrgLabels::Text(vec![String::new()])),
            };
            (Labels::Text(id_list), Cow::Owned(codes), gcodes, glabels)
        }
        None => match text_codes(&subj, "subject")? {
            Some((vals, keys)) => {
                // Sorted ids: the output does not depend on the order of the events.
                let mut order: Vec<u32> = (0..vals.len() as u32).collect();
                order.sort_by(|a, b| vals.get(*a as usize).cmp(&vals.get(*b as usize)));
                let mut rank = vec![0u32; vals.len()];
                for (r, o) in order.iter().enumerate() {
                    if let Some(x) = rank.get_mut(*o as usize) {
                        *x = r as u32;
                    }
                }
                let codes = keys
                    .iter()
                    .map(|k| rank.get(*k as usize).copied().unwrap_or(0))
                    .collect();
                let sorted: Vec<String> = order
                    .iter()
                    .map(|o| vals.get(*o as usize).cloned().unwrap_or_default())
                    .collect();
                let n = sorted.len();
                let codes = Cow::Owned(codes);
                (
                    Labels::Text(sorted),
                    codes,
                    vec![0; n],
                    OrgLabels::Text(vec![String::new()]),
                )
            }
            None => {
                let codes = ints::<UInt32Type>(&subj, "subject", 0, i64::from(u32::MAX) - 1)?;
                let n = codes.iter().max().map_or(0, |m| *m as usize + 1);
                (
                    Labels::Codes(n),
                    codes,
                    vec![0; n],
                    OrgLabels::Text(vec![String::new()]),
                )
            }
        },
    };
    finish(
        py,
        &req,
        Subjects {
            labels,
            codes: subject_codes,
            group_codes,
            group_labels,
        },
    )
}

/// What `score_events` was asked, besides the subjects: the rule set, periods, event columns
/// and options.
struct Request<'a> {
    rules: &'a dangjian::scoring::RuleSet,
    first: dangjian::scoring::Period,
    count: usize,
    item: ArrayRef,
    date: ArrayRef,
    qty: Option<ArrayRef>,
    float_quantity: bool,
    parallel: bool,
    points: Points,
    categories: bool,
}

/// The subjects as the kernel takes them: labels, one code per event, one group code per
/// subject and the groups' labels.
struct Subjects<'a> {
    labels: Labels<'a>,
    codes: Cow<'a, [u32]>,
    group_codes: Vec<u32>,
    group_labels: OrgLabels,
}

/// The rest of [`score_arrow`] once subjects are codes: items, dates and quantities, the
/// kernel, and the output table.
fn finish(py: Python<'_>, req: &Request<'_>, subjects: Subjects<'_>) -> PyResult<Table> {
    let Request {
        rules,
        first,
        count,
        ref item,
        ref date,
        ref qty,
        float_quantity,
        parallel,
        points,
        categories,
    } = *req;
    let Subjects {
        labels,
        codes: subject_codes,
        group_codes,
        group_labels,
    } = subjects;
    let n_subjects = match &labels {
        Labels::Text(t) => t.len(),
        Labels::Ids(t) => t.len(),
        Labels::Codes(n) => *n,
    };
    let n_groups = match &group_labels {
        OrgLabels::Text(t) => t.len(),
        OrgLabels::Codes(c) => c.len().max(1),
    };

    // Items.
    let items: Cow<'_, [u16]> = match text_codes(item, "item")? {
        Some((vals, keys)) => {
            let map: Vec<Option<u16>> = vals
                .iter()
                .map(|v| rules.item_index(v).map(|i| i as u16))
                .collect();
            keys.iter()
                .enumerate()
                .map(|(p, k)| {
                    map.get(*k as usize).copied().flatten().ok_or_else(|| {
                        bad(
                            "item",
                            p,
                            format!(
                                "`{}` is not an item of rule set `{}`",
                                vals.get(*k as usize).map_or("", |s| s.as_str()),
                                rules.id
                            ),
                        )
                    })
                })
                .collect::<PyResult<Vec<u16>>>()?
                .into()
        }
        None => {
            let max = rules.items.len() as i64 - 1;
            ints::<UInt16Type>(item, "item", 0, max)?
        }
    };

    // Dates.
    let days: Cow<'_, [i32]> = match date.data_type() {
        DataType::Date32 => Cow::Borrowed(date.as_primitive::<Date32Type>().values()),
        _ => ints::<Int32Type>(date, "date", i64::from(i32::MIN), i64::from(i32::MAX))?,
    };

    // Quantities in thousandths.
    let quantity: Option<Cow<'_, [i64]>> = match qty {
        None => None,
        Some(q) => {
            no_nulls(q.as_ref(), "quantity")?;
            Some(match q.data_type() {
                DataType::Decimal128(_, s) if *s <= 3 && *s >= 0 => {
                    let f = 10i128.pow(3 - *s as u32);
                    q.as_primitive::<Decimal128Type>()
                        .values()
                        .iter()
                        .enumerate()
                        .map(|(p, v)| {
                            i64::try_from(v * f).map_err(|_| bad("quantity", p, "is out of range"))
                        })
                        .collect::<PyResult<Vec<i64>>>()?
                        .into()
                }
                DataType::Decimal128(_, s) => {
                    return Err(bad(
                        "quantity",
                        0,
                        format!("decimal scale {s} has more than three decimals"),
                    ))
                }
                DataType::Float16 | DataType::Float32 | DataType::Float64 => {
                    if !float_quantity {
                        return Err(bad(
                            "quantity",
                            0,
                            "is a float column; pass int64 thousandths or decimal128(_, 3), \
                             or opt in with float_quantity=True",
                        ));
                    }
                    let c = arrow_cast::cast(q, &DataType::Float64).map_err(arrow_err)?;
                    c.as_primitive::<arrow_array::types::Float64Type>()
                        .values()
                        .iter()
                        .enumerate()
                        .map(|(p, v)| {
                            v.to_string()
                                .parse::<Fixed>()
                                .map(|f| f.raw())
                                .map_err(|e| bad("quantity", p, e.to_string()))
                        })
                        .collect::<PyResult<Vec<i64>>>()?
                        .into()
                }
                _ => ints::<Int64Type>(q, "quantity", i64::MIN, i64::MAX)?,
            })
        }
    };

    let input = BulkInput {
        columns: Columns {
            subject: &subject_codes,
            item: &items,
            day: &days,
            quantity: quantity.as_deref(),
        },
        n_subjects,
        groups: Groups::Fixed(&group_codes),
        n_groups,
    };
    let opts = BulkOptions {
        parallel,
        categories,
    };
    let mut out = py
        .detach(|| score_columns(rules, first, count, &input, opts))
        .map_err(py_err)?;

    // Output: active rows of every period, gathered column by column from the kernel's
    // per-period vectors (whole slices when every subject of the period has a row). The
    // period, organization and grade are dictionary-encoded (int32 keys into a few labels):
    // no string is made per row.
    let ps = &out.periods;
    let active: Vec<Option<Vec<u32>>> = ps
        .iter()
        .map(|p| {
            if (0..n_subjects).all(|s| p.is_active(s)) {
                None
            } else {
                Some(
                    (0..n_subjects)
                        .filter(|s| p.is_active(*s))
                        .map(|s| s as u32)
                        .collect(),
                )
            }
        })
        .collect();
    let n_rows: usize = active
        .iter()
        .map(|a| a.as_ref().map_or(n_subjects, Vec::len))
        .sum();
    let total = take_or_gather(&mut out.periods, &active, n_subjects, n_rows, |p| {
        &mut p.total
    });
    let cats = if categories {
        let b = take_or_gather(&mut out.periods, &active, n_subjects, n_rows, |p| {
            &mut p.basic
        });
        let r = take_or_gather(&mut out.periods, &active, n_subjects, n_rows, |p| {
            &mut p.reward
        });
        let d = take_or_gather(&mut out.periods, &active, n_subjects, n_rows, |p| {
            &mut p.deduction
        });
        let v = take_or_gather(&mut out.periods, &active, n_subjects, n_rows, |p| {
            &mut p.veto
        });
        Some([("basic", b), ("reward", r), ("deduction", d), ("veto", v)])
    } else {
        None
    };
    let ps = &out.periods;
    let grade = gather(ps, &active, n_subjects, n_rows, |p| &p.grade);
    let stars = gather(ps, &active, n_subjects, n_rows, |p| &p.stars);
    let vetoed = gather(ps, &active, n_subjects, n_rows, |p| &p.vetoed);
    let demoted = gather(ps, &active, n_subjects, n_rows, |p| &p.demoted);
    let rank_in_org = gather(ps, &active, n_subjects, n_rows, |p| &p.rank_in_org);
    let rank_overall = gather(ps, &active, n_subjects, n_rows, |p| &p.rank_overall);
    // Subject code and period index of every row (plain loops: `extend` over a range or a
    // slice is a bulk copy, a boxed iterator per period was a call per row).
    let mut rows: Vec<u32> = Vec::with_capacity(n_rows);
    let mut period_keys: Vec<i32> = Vec::with_capacity(n_rows);
    for (pi, a) in active.iter().enumerate() {
        let before = rows.len();
        match a {
            Some(a) => rows.extend_from_slice(a),
            None => rows.extend(0..n_subjects as u32),
        }
        period_keys.resize(period_keys.len() + (rows.len() - before), pi as i32);
    }
    let period_labels: Vec<String> = ps
        .iter()
        .map(|p| p.period.map(|x| x.to_string()).unwrap_or_default())
        .collect();
    // Grade names; no grade (and any code without a name) is the empty label.
    let mut grade_labels: Vec<&str> = rules.grades.iter().map(|r| r.name.as_ref()).collect();
    let (grade_keys, no_grade) = dict_keys(
        grade.iter().map(|g| {
            if *g == NO_GRADE {
                usize::MAX
            } else {
                *g as usize
            }
        }),
        grade_labels.len(),
    );
    if no_grade {
        grade_labels.push("");
    }
    let cols = Cols::new().dict("period", period_keys, &period_labels);
    let cols = match &labels {
        Labels::Text(t) => {
            let ids: Vec<&str> = rows
                .iter()
                .map(|s| t.get(*s as usize).map_or("", |x| x.as_str()))
                .collect();
            cols.str("subject", ids.iter())
        }
        Labels::Ids(ids) => cols.u32(
            "subject",
            rows.iter()
                .map(|s| ids.get(*s as usize).copied().unwrap_or_default()),
        ),
        Labels::Codes(_) => cols.u32("subject", rows.iter().copied()),
    };
    let group_of = |s: &u32| group_codes.get(*s as usize).copied();
    let cols = match &group_labels {
        OrgLabels::Text(t) => {
            let mut org_labels: Vec<&str> = t.iter().map(String::as_str).collect();
            let (org_keys, no_org) = dict_keys(
                rows.iter()
                    .map(|s| group_of(s).map_or(usize::MAX, |g| g as usize)),
                org_labels.len(),
            );
            if no_org {
                org_labels.push("");
            }
            cols.dict("org", org_keys, &org_labels)
        }
        OrgLabels::Codes(c) => cols.u32(
            "org",
            rows.iter().map(|s| {
                group_of(s)
                    .and_then(|g| c.get(g as usize).copied())
                    .unwrap_or_default()
            }),
        ),
    };
    let point_col = |cols: Cols, name: &str, v: Vec<i64>| match points {
        Points::Decimal => cols.raw_decimal(name, v),
        Points::Thousandths => cols.i64_vec(name, v),
    };
    let mut cols = point_col(cols, "total", total);
    for (name, v) in cats.into_iter().flatten() {
        cols = point_col(cols, name, v);
    }
    cols.dict("grade", grade_keys, &grade_labels)
        .int("grade_index", grade)
        .int("stars", stars)
        .bool("vetoed", vetoed.iter())
        .bool("demoted", demoted.iter())
        .int("rank_in_org", rank_in_org)
        .int("rank_overall", rank_overall)
        .finish("scores")
}

/// One output column: the values of the active subjects of every period, in period order
/// (a missing value — a column the kernel left empty — is the default, as before).
fn gather<T: Copy + Default>(
    periods: &[PeriodScores],
    active: &[Option<Vec<u32>>],
    n: usize,
    n_rows: usize,
    f: fn(&PeriodScores) -> &[T],
) -> Vec<T> {
    let mut v = Vec::with_capacity(n_rows);
    for (p, a) in periods.iter().zip(active) {
        let col = f(p);
        match a {
            None => {
                let c = col.get(..n).unwrap_or(col);
                v.extend_from_slice(c);
                v.resize(v.len() + (n - c.len()), T::default());
            }
            Some(a) => v.extend(
                a.iter()
                    .map(|s| col.get(*s as usize).copied().unwrap_or_default()),
            ),
        }
    }
    v
}

/// [`gather`] of an `i64` column, but a single period whose subjects all have a row hands
/// over the kernel's own vector (no copy: Arrow takes the allocation as it is).
fn take_or_gather(
    periods: &mut [PeriodScores],
    active: &[Option<Vec<u32>>],
    n: usize,
    n_rows: usize,
    f: fn(&mut PeriodScores) -> &mut Vec<i64>,
) -> Vec<i64> {
    if let ([p], [None]) = (&mut *periods, active) {
        let mut v = std::mem::take(f(p));
        v.resize(n, 0);
        return v;
    }
    let mut v = Vec::with_capacity(n_rows);
    for (p, a) in periods.iter_mut().zip(active) {
        let col: &[i64] = f(p);
        match a {
            None => {
                let c = col.get(..n).unwrap_or(col);
                v.extend_from_slice(c);
                v.resize(v.len() + (n - c.len()), 0);
            }
            Some(a) => v.extend(
                a.iter()
                    .map(|s| col.get(*s as usize).copied().unwrap_or_default()),
            ),
        }
    }
    v
}

/// Dictionary keys of `codes` into `n` labels; a code outside `0..n` gets key `n` (the empty
/// label, which the caller appends when the flag says one occurred).
fn dict_keys(codes: impl Iterator<Item = usize>, n: usize) -> (Vec<i32>, bool) {
    let mut missing = false;
    let keys = codes
        .map(|c| {
            if c < n {
                c as i32
            } else {
                missing = true;
                n as i32
            }
        })
        .collect();
    (keys, missing)
}
