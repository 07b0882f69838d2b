//! Arrow tables: the core's columnar structs become one Arrow record batch, column by column
//! (never row by row), exposed through the Arrow PyCapsule interface (`__arrow_c_stream__`).
//!
//! Every table the binding returns is a core [`dangjian::table::Table`] converted by the ONE
//! generic function [`from_core`] (through the privacy layer, `stats::prepare`): the binding
//! declares no schema of its own. Points and quantities (`Fixed`) are `decimal128(18, 3)`:
//! exact thousandths; money `decimal128(18, 2)` yuan; counts, ranks and other integers
//! `int64` (never unsigned, so differences stay signed in pandas and polars); dates
//! `date32`; labels and ids `utf8` (an empty key column cell — no parent, no organization —
//! is null). Each field carries its Chinese header (`label_zh`) and
//! privacy role (`role`) as metadata.
//!
//! [`Cols`] remains only for the bulk scoring path (`score_arrow`, `bulk.rs`), whose
//! dictionary-encoded, zero-copy columns are a speed feature.

use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Int32Array, Int64Array,
    RecordBatch, StringArray, StructArray, UInt32Array,
};
use arrow_schema::{ArrowError, Field};
use chrono::NaiveDate;
use dangjian::fixed::Fixed;
use dangjian::scoring::day_number;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use pyo3_arrow::ffi::{to_stream_pycapsule, ArrayIterator};

/// Precision of the decimal columns (|raw| ≤ 10^15 fits in 16 digits).
pub(crate) const DEC_PRECISION: u8 = 18;
/// Scale of the decimal columns: thousandths.
pub(crate) const DEC_SCALE: i8 = 3;

/// Column-by-column builder of a record batch.
#[derive(Default)]
pub(crate) struct Cols {
    cols: Vec<(String, ArrayRef)>,
}

impl Cols {
    /// An empty builder.
    pub(crate) fn new() -> Cols {
        Cols::default()
    }

    fn push(mut self, name: &str, a: ArrayRef) -> Cols {
        self.cols.push((name.to_string(), a));
        self
    }

    /// A text column.
    pub(crate) fn str<'a, S: AsRef<str> + 'a>(
        self,
        name: &str,
        v: impl IntoIterator<Item = &'a S>,
    ) -> Cols {
        let a = StringArray::from_iter_values(v.into_iter().map(|s| s.as_ref()));
        self.push(name, Arc::new(a))
    }

    /// An exact decimal column from raw thousandths.
    pub(crate) fn raw_decimal(self, name: &str, v: impl IntoIterator<Item = i64>) -> Cols {
        let a = Decimal128Array::from_iter_values(v.into_iter().map(i128::from))
            .with_precision_and_scale(DEC_PRECISION, DEC_SCALE);
        match a {
            Ok(a) => self.push(name, Arc::new(a)),
            // Unreachable: 18/3 is always a valid precision and scale.
            Err(_) => self,
        }
    }

    /// An `int64` column of small integers (grade indices, stars, ranks: `int64` as in every
    /// core table, so differences stay signed).
    pub(crate) fn int<T: Into<i64>>(self, name: &str, v: impl IntoIterator<Item = T>) -> Cols {
        self.push(
            name,
            Arc::new(Int64Array::from_iter_values(v.into_iter().map(Into::into))),
        )
    }

    /// A `uint32` column.
    pub(crate) fn u32(self, name: &str, v: impl IntoIterator<Item = u32>) -> Cols {
        self.push(name, Arc::new(UInt32Array::from_iter_values(v)))
    }

    /// An `int64` column that takes `v`'s allocation as its buffer (no copy).
    pub(crate) fn i64_vec(self, name: &str, v: Vec<i64>) -> Cols {
        self.push(name, Arc::new(Int64Array::from(v)))
    }

    /// A dictionary-encoded text column: `int32` keys into a small array of `values`
    /// (readers decode it transparently: pyarrow, polars categoricals, pandas categoricals).
    pub(crate) fn dict<S: AsRef<str>>(self, name: &str, keys: Vec<i32>, values: &[S]) -> Cols {
        let values = StringArray::from_iter_values(values.iter().map(|s| s.as_ref()));
        let keys = Int32Array::from(keys);
        match DictionaryArray::<Int32Type>::try_new(keys, Arc::new(values)) {
            Ok(a) => self.push(name, Arc::new(a)),
            // Unreachable: callers give keys below `values.len()`.
            Err(_) => self,
        }
    }

    /// A boolean column.
    pub(crate) fn bool<'a>(self, name: &str, v: impl IntoIterator<Item = &'a bool>) -> Cols {
        // From plain values: no validity bitmap to build (the column has no nulls).
        let a = BooleanArray::from(v.into_iter().copied().collect::<Vec<bool>>());
        self.push(name, Arc::new(a))
    }

    /// The finished table; a column the core's vocabulary knows carries its Chinese header
    /// (`label_zh` metadata), as the columns of core tables do.
    pub(crate) fn finish(self, name: &str) -> PyResult<Table> {
        let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = self
            .cols
            .into_iter()
            .map(|(n, a)| {
                let mut f = Field::new(n.as_str(), a.data_type().clone(), a.null_count() > 0);
                if let Some(l) = dangjian::table::label_zh_of(&n) {
                    f = f.with_metadata(std::collections::HashMap::from([(
                        "label_zh".to_string(),
                        l.to_string(),
                    )]));
                }
                (f, a)
            })
            .unzip();
        let schema = Arc::new(arrow_schema::Schema::new(fields));
        let batch = RecordBatch::try_new(schema, arrays).map_err(arrow_err)?;
        Ok(Table {
            name: name.to_string(),
            batch,
            core: None,
        })
    }
}

/// An Arrow error as a Python `ValueError` (only reachable through malformed input).
pub(crate) fn arrow_err(e: ArrowError) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(e.to_string())
}

/// A table produced by the core, exported through the Arrow PyCapsule interface:
/// `pyarrow.table(t)`, `polars.DataFrame(t)` and `pandas` read it without copying rows
/// into Python objects.
#[pyclass(module = "dangjian._dangjian", frozen)]
pub struct Table {
    name: String,
    batch: RecordBatch,
    /// The core table this one was converted from (statistics, compliance, posts): CSV and
    /// XLSX are then written from it, with its Chinese headers and suppression markers.
    core: Option<Arc<dangjian::table::OwnedTable>>,
}

impl Table {
    /// The record batch.
    pub(crate) fn batch(&self) -> &RecordBatch {
        &self.batch
    }
}

#[pymethods]
impl Table {
    /// Export as an Arrow C stream (the Arrow PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = self.batch.schema();
        let arr: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let field = Field::new_struct("", schema.fields().clone(), false)
            .with_metadata(schema.metadata().clone());
        let reader = Box::new(ArrayIterator::new(
            std::iter::once(Ok(arr)),
            Arc::new(field),
        ));
        Ok(to_stream_pycapsule(py, reader, requested_schema)?)
    }

    /// The table's name (e.g. `scores`, `members`).
    #[getter]
    fn name(&self) -> &str {
        &self.name
    }

    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// Column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    fn __repr__(&self) -> String {
        let schema = self.batch.schema();
        let cols: Vec<String> = schema
            .fields()
            .iter()
            .map(|f| format!("{}: {}", f.name(), f.data_type()))
            .collect();
        format!(
            "<dangjian.Table '{}' {} rows × {} columns [{}]>",
            self.name,
            self.batch.num_rows(),
            cols.len(),
            cols.join(", ")
        )
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_pyarrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        py.import("pyarrow")?.call_method1("table", (slf,))
    }

    /// The table as a `pandas.DataFrame` (needs pyarrow and pandas). Decimal point columns
    /// become `float64` for plotting and analysis unless `exact=True`, which keeps them as
    /// `decimal.Decimal` values; dates are `datetime64`, counts `int64`. With `header="zh"`
    /// the columns are named by their Chinese headers (the core's `label_zh`).
    #[pyo3(signature = (*, exact = false, header = "en"))]
    fn to_pandas<'py>(
        slf: &Bound<'py, Self>,
        exact: bool,
        header: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        header_lang(header)?;
        py.import("dangjian._convert")?
            .call_method1("to_pandas", (slf, exact, header))
    }

    /// The table as a `polars.DataFrame` (needs polars; decimals stay exact, dates are
    /// `Date`). With `header="zh"` the columns are named by their Chinese headers.
    #[pyo3(signature = (*, header = "en"))]
    fn to_polars<'py>(slf: &Bound<'py, Self>, header: &str) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        header_lang(header)?;
        py.import("dangjian._convert")?
            .call_method1("to_polars", (slf, header))
    }

    /// The Chinese header of each column, in order (the core's `label_zh`; a column the core
    /// does not know keeps its name).
    #[getter]
    fn headers_zh(&self) -> Vec<String> {
        self.batch
            .schema()
            .fields()
            .iter()
            .map(|f| field_label(f).unwrap_or_else(|| f.name().clone()))
            .collect()
    }

    /// The table as CSV text, written by the core exactly as `dangjian report --csv-dir`
    /// writes it: Chinese headers (`header="zh"`, the default) or English ones (`"en"`),
    /// points as exact decimals, money in yuan with two decimals, ID numbers and phones
    /// masked, suppressed cells as `*`. With `bom=True` (the default) the text starts with a
    /// UTF-8 byte order mark so that Excel shows Chinese correctly. With `path`, the text is
    /// written to that file (UTF-8) and `None` is returned.
    ///
    /// >>> reg = dangjian.Dataset.sample().registry()
    /// >>> print(reg.membership("2026-10-31").to_csv(header="en", bom=False).splitlines()[0])
    /// org,org_name,org_kind,org_level,headcount,...
    /// >>> scores = dangjian.Scorer(dangjian.Dataset.sample()).score(dangjian.RuleSet.member_default(), "2026-10")
    /// >>> scores.table.to_csv().lstrip("\ufeff").splitlines()[0]
    /// '考核期,考核对象,组织编号,总分,基础分,奖励分,扣分,否决项分,等次,等次序号,星级,一票否决,超出名额降等,组织内排名,总排名'
    #[pyo3(signature = (path = None, *, header = "zh", bom = true))]
    fn to_csv(
        &self,
        path: Option<std::path::PathBuf>,
        header: &str,
        bom: bool,
    ) -> PyResult<Option<String>> {
        let options = dangjian::table::CsvOptions {
            header: header_lang(header)?,
            bom,
            ..dangjian::table::CsvOptions::default()
        };
        let owned = self.owned()?;
        let text = dangjian::table::to_csv(&*owned, &options).map_err(crate::errors::py_err)?;
        match path {
            None => Ok(Some(text)),
            Some(p) => {
                dangjian::io::write_atomic(&p, text.as_bytes())
                    .map_err(|e| crate::errors::file_err("write", &p, e))?;
                Ok(None)
            }
        }
    }

    /// Writes the table as a formatted Excel workbook (one sheet, titled, bordered, numbers
    /// as numbers); see `dangjian.write_xlsx` for several tables in one workbook.
    #[pyo3(signature = (path, *, header = "zh"))]
    fn to_xlsx(slf: &Bound<'_, Self>, path: std::path::PathBuf, header: &str) -> PyResult<()> {
        write_xlsx(path, slf.as_any(), header)
    }
}

impl Table {
    /// The core form of the table: the one it came from, or one rebuilt from the Arrow
    /// columns (integers, exact decimals, dates, flags and text keep their types; a column's
    /// Chinese header is its `label_zh` metadata or, failing that, its name).
    fn owned(&self) -> PyResult<Arc<dangjian::table::OwnedTable>> {
        if let Some(t) = &self.core {
            return Ok(t.clone());
        }
        let schema = self.batch.schema();
        let columns = schema
            .fields()
            .iter()
            .zip(self.batch.columns())
            .map(|(f, a)| owned_column(f, a))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Arc::new(dangjian::table::OwnedTable {
            name: self.name.clone(),
            title_zh: schema
                .metadata()
                .get("title_zh")
                .cloned()
                .unwrap_or_else(|| self.name.clone()),
            rows: self.batch.num_rows(),
            columns,
        }))
    }
}

fn header_lang(header: &str) -> PyResult<dangjian::table::HeaderLang> {
    match header {
        "zh" => Ok(dangjian::table::HeaderLang::Zh),
        "en" => Ok(dangjian::table::HeaderLang::En),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "header: `{other}` is not one of \"zh\", \"en\""
        ))),
    }
}

/// Writes `tables` into one Excel workbook at `path`, one formatted sheet per table (title
/// row, Chinese headers by default, numbers as numbers, dates as dates, suppressed cells as
/// `*`). `tables` is one table or a list of them, each a `dangjian.Table`, a `ScoreTable`, a
/// `WhatIf`, a `ScoreReport`, anything with `__arrow_c_stream__` (pyarrow, polars, pandas ≥ 2.2)
/// or a pandas DataFrame; a column the core knows gets the core's Chinese header. Excel keeps
/// numbers as doubles: integers and amounts up to 2^53 are exact; use CSV for exact decimal
/// text.
#[pyfunction]
#[pyo3(signature = (path, tables, *, header = "zh"))]
pub(crate) fn write_xlsx(
    path: std::path::PathBuf,
    tables: &Bound<'_, PyAny>,
    header: &str,
) -> PyResult<()> {
    let options = dangjian::table::XlsxOptions {
        header: header_lang(header)?,
        ..dangjian::table::XlsxOptions::default()
    };
    let items: Vec<Bound<'_, PyAny>> = if tables.is_instance_of::<pyo3::types::PyList>()
        || tables.is_instance_of::<pyo3::types::PyTuple>()
    {
        tables.try_iter()?.collect::<PyResult<_>>()?
    } else {
        vec![tables.clone()]
    };
    let owned = items
        .iter()
        .enumerate()
        .map(|(k, t)| table_of(t, k).and_then(|t| t.get().owned()))
        .collect::<PyResult<Vec<_>>>()?;
    let refs: Vec<&dyn dangjian::table::Table> = owned
        .iter()
        .map(|t| &**t as &dyn dangjian::table::Table)
        .collect();
    let bytes = dangjian::table::to_xlsx(&refs, &options).map_err(crate::errors::py_err)?;
    dangjian::io::write_atomic(&path, &bytes)
        .map_err(|e| crate::errors::file_err("write", &path, e))
}

/// `obj` as a `Table`: a `Table` itself; an object whose `table` (attribute or method) is one
/// (`ScoreTable`, `WhatIf`, `ScoreReport`); an Arrow stream (`__arrow_c_stream__`); a pandas
/// DataFrame (through `pyarrow.Table.from_pandas`, index left out).
fn table_of<'py>(obj: &Bound<'py, PyAny>, k: usize) -> PyResult<Bound<'py, Table>> {
    let py = obj.py();
    if let Ok(t) = obj.cast::<Table>() {
        return Ok(t.clone());
    }
    if let Ok(attr) = obj.getattr("table") {
        let t = if attr.is_callable() {
            attr.call0()?
        } else {
            attr
        };
        if let Ok(t) = t.cast::<Table>() {
            return Ok(t.clone());
        }
    }
    let stream = if obj.hasattr("__arrow_c_stream__")? {
        obj.clone()
    } else if obj.hasattr("to_arrow")? {
        obj.call_method0("to_arrow")?
    } else if obj.hasattr("columns")? && obj.hasattr("dtypes")? {
        let kw = pyo3::types::PyDict::new(py);
        kw.set_item("preserve_index", false)?;
        py.import("pyarrow")?
            .getattr("Table")?
            .call_method("from_pandas", (obj,), Some(&kw))?
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "write_xlsx: 第 {} 个表不是表格（item {k} is not a table: give a dangjian.Table, \
             ScoreTable, WhatIf, an Arrow table or a pandas/polars DataFrame）",
            k + 1
        )));
    };
    let t: pyo3_arrow::PyTable = stream.extract()?;
    let (batches, schema) = t.into_inner();
    let batch = arrow_select::concat::concat_batches(&schema, &batches).map_err(arrow_err)?;
    let name = schema
        .metadata()
        .get("name")
        .cloned()
        .unwrap_or_else(|| format!("table{}", k + 1));
    Bound::new(
        py,
        Table {
            name,
            batch,
            core: None,
        },
    )
}

/// The dates of a timestamp column when every value is a midnight, else `None`.
fn midnights(a: &ArrayRef, unit: arrow_schema::TimeUnit) -> Option<Vec<Option<NaiveDate>>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_schema::TimeUnit as U;
    let per_day: i64 = match unit {
        U::Second => 86_400,
        U::Millisecond => 86_400_000,
        U::Microsecond => 86_400_000_000,
        U::Nanosecond => 86_400_000_000_000,
    };
    let ints = arrow_cast::cast(a, &arrow_schema::DataType::Int64).ok()?;
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    ints.as_primitive::<Int64Type>()
        .iter()
        .map(|x| match x {
            None => Some(None),
            Some(x) if x.rem_euclid(per_day) == 0 => epoch
                .checked_add_signed(chrono::Duration::days(x.div_euclid(per_day)))
                .map(Some),
            Some(_) => None,
        })
        .collect()
}

/// The Chinese header of a field: its `label_zh` metadata, else the core's vocabulary.
fn field_label(f: &Field) -> Option<String> {
    f.metadata()
        .get("label_zh")
        .cloned()
        .or_else(|| dangjian::table::label_zh_of(f.name()).map(str::to_owned))
}

/// The Chinese header the core gives a column named `name` (`total` → `总分`), or `None`
/// when the core's vocabulary does not know the name.
///
/// >>> dangjian.label_zh("vetoed")
/// '一票否决'
#[pyfunction]
pub(crate) fn label_zh(name: &str) -> Option<&'static str> {
    dangjian::table::label_zh_of(name)
}

/// One Arrow column as a core column (see [`Table::owned`]).
fn owned_column(f: &Field, a: &ArrayRef) -> PyResult<dangjian::table::OwnedColumn> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Date32Type, Decimal128Type, Int64Type, UInt32Type, UInt64Type, UInt8Type,
    };
    use arrow_array::Array;
    use arrow_schema::DataType as T;
    use dangjian::table::{ColumnValues as V, OwnedColumn, Role};
    let label = field_label(f).unwrap_or_else(|| f.name().clone());
    let nulls = a.null_count() > 0;
    let fixed = |raw: i128| Fixed::from_raw(i64::try_from(raw).unwrap_or(i64::MAX));
    let (role, values) = match a.data_type() {
        T::UInt8 => (
            Role::Value,
            V::U64(
                a.as_primitive::<UInt8Type>()
                    .values()
                    .iter()
                    .map(|&x| u64::from(x))
                    .collect(),
            ),
        ),
        T::UInt32 => (
            Role::Value,
            V::U64(
                a.as_primitive::<UInt32Type>()
                    .values()
                    .iter()
                    .map(|&x| u64::from(x))
                    .collect(),
            ),
        ),
        T::UInt64 if nulls => (
            Role::Value,
            V::OptU64(a.as_primitive::<UInt64Type>().iter().collect()),
        ),
        T::UInt64 => (
            Role::Value,
            V::U64(a.as_primitive::<UInt64Type>().values().to_vec()),
        ),
        T::Int32 if !nulls => (
            Role::Value,
            V::I64(
                a.as_primitive::<Int32Type>()
                    .values()
                    .iter()
                    .map(|&x| i64::from(x))
                    .collect(),
            ),
        ),
        T::Int64 if !nulls => (
            Role::Value,
            V::I64(a.as_primitive::<Int64Type>().values().to_vec()),
        ),
        // Counts with gaps (pandas `Int64`, polars nullable integers): empty cells.
        T::Int64
            if a.as_primitive::<Int64Type>()
                .iter()
                .flatten()
                .all(|x| x >= 0) =>
        {
            (
                Role::Value,
                V::OptU64(
                    a.as_primitive::<Int64Type>()
                        .iter()
                        .map(|x| x.and_then(|x| u64::try_from(x).ok()))
                        .collect(),
                ),
            )
        }
        // Dates that pandas made timestamps (`datetime64`): date cells when every value is a
        // midnight (time zones ignored).
        T::Timestamp(unit, _) if midnights(a, *unit).is_some() => {
            let v = midnights(a, *unit).unwrap_or_default();
            if nulls {
                (Role::Value, V::OptDate(v))
            } else {
                (Role::Value, V::Date(v.into_iter().flatten().collect()))
            }
        }
        T::Boolean if !nulls => (
            Role::Value,
            V::Bool(a.as_boolean().iter().map(|x| x.unwrap_or(false)).collect()),
        ),
        T::Date32 => {
            let d = a.as_primitive::<Date32Type>();
            let v: Vec<Option<NaiveDate>> = d
                .iter()
                .map(|x| x.and_then(dangjian::scoring::date_of_day))
                .collect();
            if nulls {
                (Role::Key, V::OptDate(v))
            } else {
                (Role::Key, V::Date(v.into_iter().flatten().collect()))
            }
        }
        T::Decimal128(_, scale) if *scale == DEC_SCALE || *scale == FEN_SCALE => {
            let d = a.as_primitive::<Decimal128Type>();
            match (*scale == DEC_SCALE, nulls) {
                (true, false) => (
                    Role::Value,
                    V::Fixed(d.values().iter().map(|&x| fixed(x)).collect()),
                ),
                (true, true) => (
                    Role::Value,
                    V::OptFixed(d.iter().map(|x| x.map(fixed)).collect()),
                ),
                (false, false) => (
                    Role::Value,
                    V::Fen(
                        d.values()
                            .iter()
                            .map(|&x| i64::try_from(x).unwrap_or(i64::MAX))
                            .collect(),
                    ),
                ),
                (false, true) => (
                    Role::Value,
                    V::OptFen(
                        d.iter()
                            .map(|x| x.map(|v| i64::try_from(v).unwrap_or(i64::MAX)))
                            .collect(),
                    ),
                ),
            }
        }
        _ => {
            // Text, labels, and anything else: the display form, empty for nulls.
            let fmt = arrow_cast::display::ArrayFormatter::try_new(a.as_ref(), &Default::default())
                .map_err(arrow_err)?;
            let v = (0..a.len())
                .map(|r| {
                    if a.is_null(r) {
                        String::new()
                    } else {
                        fmt.value(r).to_string()
                    }
                })
                .collect();
            (Role::Key, V::Str(v))
        }
    };
    Ok(OwnedColumn::new(f.name(), &label, role, values))
}

// ---------------------------------------------------------------------------------------------
// The ONE generic conversion: any `dangjian::table::Table` → Arrow.
// ---------------------------------------------------------------------------------------------

/// Scale of money columns (fen → yuan with two decimals, exact).
const FEN_SCALE: i8 = 2;

fn decimal_opt(v: impl IntoIterator<Item = Option<i64>>, scale: i8) -> PyResult<ArrayRef> {
    let a: Decimal128Array = v.into_iter().map(|x| x.map(i128::from)).collect();
    Ok(Arc::new(
        a.with_precision_and_scale(DEC_PRECISION, scale)
            .map_err(arrow_err)?,
    ))
}

/// A count as `int64` (counts never come near 2^63; saturates rather than wraps).
fn signed(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// One column of an owned core table as an Arrow array; suppressed cells become nulls.
fn owned_array(c: &dangjian::table::OwnedColumn) -> PyResult<ArrayRef> {
    use dangjian::table::ColumnValues as V;
    let sup = c.suppressed.as_slice();
    let hidden = |r: usize| sup.get(r).copied().unwrap_or(false);
    fn keep<T>(sup: &[bool], r: usize, v: Option<T>) -> Option<T> {
        if sup.get(r).copied().unwrap_or(false) {
            None
        } else {
            v
        }
    }
    Ok(match &c.values {
        V::U64(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, x)| keep(sup, r, Some(signed(*x))))
                .collect::<Int64Array>(),
        ),
        V::OptU64(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, x)| keep(sup, r, x.map(signed)))
                .collect::<Int64Array>(),
        ),
        V::I64(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, x)| keep(sup, r, Some(*x)))
                .collect::<Int64Array>(),
        ),
        V::Fen(v) => decimal_opt(
            v.iter().enumerate().map(|(r, x)| keep(sup, r, Some(*x))),
            FEN_SCALE,
        )?,
        V::OptFen(v) => decimal_opt(
            v.iter().enumerate().map(|(r, x)| keep(sup, r, *x)),
            FEN_SCALE,
        )?,
        V::Fixed(v) => decimal_opt(
            v.iter()
                .enumerate()
                .map(|(r, x)| keep(sup, r, Some(x.raw()))),
            DEC_SCALE,
        )?,
        V::OptFixed(v) => decimal_opt(
            v.iter()
                .enumerate()
                .map(|(r, x)| keep(sup, r, x.map(|f| f.raw()))),
            DEC_SCALE,
        )?,
        V::Bool(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, x)| if hidden(r) { None } else { Some(*x) })
                .collect::<BooleanArray>(),
        ),
        V::Date(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, d)| keep(sup, r, Some(day_number(*d))))
                .collect::<Date32Array>(),
        ),
        V::OptDate(v) => Arc::new(
            v.iter()
                .enumerate()
                .map(|(r, d)| keep(sup, r, d.map(day_number)))
                .collect::<Date32Array>(),
        ),
        // An empty key (a root's `org` or `parent`, an activity's `reverses`) is "none" in the
        // core's text columns: null in Arrow.
        V::Str(v) => {
            let key = c.role == dangjian::table::Role::Key;
            Arc::new(
                v.iter()
                    .enumerate()
                    .map(|(r, s)| {
                        if hidden(r) || (key && s.is_empty()) {
                            None
                        } else {
                            Some(s.as_str())
                        }
                    })
                    .collect::<StringArray>(),
            )
        }
    })
}

/// The serde code of a column role (`count`, `member_id`, …).
fn role_code(r: dangjian::table::Role) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An owned core table as an Arrow table. Column metadata: `label_zh` (the Chinese header)
/// and `role`; schema metadata: `name` and `title_zh`. Money (fen) is `decimal128(18, 2)`
/// yuan, points `decimal128(18, 3)`, counts and other integers `int64`, dates `date32`;
/// suppressed cells are null.
pub(crate) fn from_owned(t: &dangjian::table::OwnedTable) -> PyResult<Table> {
    use std::collections::HashMap;
    let mut fields = Vec::with_capacity(t.columns.len());
    let mut arrays = Vec::with_capacity(t.columns.len());
    for c in &t.columns {
        let a = owned_array(c)?;
        let meta = HashMap::from([
            ("label_zh".to_string(), c.label_zh.clone()),
            ("role".to_string(), role_code(c.role)),
        ]);
        // Nullable only where there are nulls, as the bulk path declares its fields.
        let nullable = a.null_count() > 0;
        fields
            .push(Field::new(c.name.as_str(), a.data_type().clone(), nullable).with_metadata(meta));
        arrays.push(a);
    }
    let meta = HashMap::from([
        ("name".to_string(), t.name.clone()),
        ("title_zh".to_string(), t.title_zh.clone()),
    ]);
    let schema = Arc::new(arrow_schema::Schema::new(fields).with_metadata(meta));
    let batch = if arrays.is_empty() {
        RecordBatch::new_empty(schema)
    } else {
        RecordBatch::try_new(schema, arrays).map_err(arrow_err)?
    };
    Ok(Table {
        name: t.name.clone(),
        batch,
        core: Some(Arc::new(t.clone())),
    })
}

/// Any core table, transformed by the privacy layer (`stats::prepare`), as an Arrow table.
pub(crate) fn from_core(
    t: &dyn dangjian::table::Table,
    options: &dangjian::stats::ExportOptions,
) -> PyResult<Table> {
    let owned = dangjian::stats::prepare(t, options).map_err(crate::errors::py_err)?;
    from_owned(&owned)
}

/// [`from_core`] cut to what `scope` may see first (`Scope::restrict`: rows kept by the `org`
/// or `branch` column; a table with neither is refused, `not_scopable`).
pub(crate) fn from_core_in(
    t: &dyn dangjian::table::Table,
    scope: Option<&dangjian::scope::Scope<'_>>,
    options: &dangjian::stats::ExportOptions,
) -> PyResult<Table> {
    match scope {
        None => from_core(t, options),
        Some(s) => {
            let cut = s.restrict(t).map_err(crate::errors::py_err)?;
            from_core(&cut, options)
        }
    }
}
