"""Type stubs for the native extension module ``dangjian._dangjian``.

Kept by hand next to ``bindings-python/src/``; ``mypy.stubtest`` checks
them against the built module in ``scripts/test-all.sh``.
"""

import datetime
import os
from typing import TYPE_CHECKING, Any, Literal, Optional, Sequence, Union, final

if TYPE_CHECKING:
    import pandas

__all__ = [
    "__version__",
    "AnnualSummary",
    "merge_rank_histograms",
    "version",
    "golden_sample",
    "rules",
    "score_arrow",
    "write_xlsx",
    "label_zh",
    "Table",
    "Dataset",
    "Registry",
    "RegistryScope",
    "Privacy",
    "Compliance",
    "PostBook",
    "RuleSet",
    "RuleBook",
    "Scorer",
    "ScoreTable",
    "Explanation",
    "WhatIf",
    "ScoreReport",
    "Store",
]

_DateLike = Union[datetime.date, str]
"""A ``datetime.date`` (or a ``pandas.Timestamp`` at midnight, a ``numpy.datetime64``), or a
string ``"2026-10-31"`` / ``"2026/10/31"``."""

_PeriodLike = Union[str, datetime.date, "pandas.Period"]
"""A period: ``"2026-10"`` (month), ``"2026-Q4"`` (quarter), ``"2026"`` (year), a
``datetime.date`` / ``pandas.Timestamp`` (the month holding it) or a ``pandas.Period`` (monthly,
quarterly or yearly)."""

_Source = Union[bytes, str, os.PathLike[str], "pandas.DataFrame", Any]
"""File content as ``bytes``, a path, or (rosters) a pandas/polars DataFrame or Arrow table."""

_Batch = Union[str, bytes, Sequence[dict[str, Any]]]
"""JSON text/bytes, or a list of dicts in the dataset's format."""

__version__: str
"""Version of the Rust core (``dangjian::VERSION``)."""

def version() -> str:
    """Return the version of the underlying Rust core."""

def write_xlsx(
    path: Union[str, os.PathLike[str]],
    tables: Any,
    *,
    header: Literal["zh", "en"] = "zh",
) -> None:
    """Writes `tables` into one Excel workbook at `path`, one formatted sheet per table (title
    row, Chinese headers by default, numbers as numbers, dates as dates, suppressed cells as
    `*`). `tables` is one table or a list of them, each a `dangjian.Table`, a `ScoreTable`, a
    `WhatIf`, a `ScoreReport`, anything with `__arrow_c_stream__` (pyarrow, polars, pandas ≥ 2.2)
    or a pandas DataFrame; a column the core knows gets the core's Chinese header. Excel keeps
    numbers as doubles: integers and amounts up to 2^53 are exact; use CSV for exact decimal
    text.
    """

def label_zh(name: str) -> Optional[str]:
    """The Chinese header the core gives a column named `name` (`total` → `总分`), or `None`
    when the core's vocabulary does not know the name.

    >>> dangjian.label_zh("vetoed")
    '一票否决'
    """

def rules() -> Table:
    """The rule catalogue (规则目录): one row per dated version of every rule the library checks
    or computes — its code (named by every finding), area, the rule in Chinese and English,
    whether local practice may configure it, the dates in force, the document and article,
    and the parameters.

    >>> t = dangjian.rules()
    >>> "term_expired" in t.to_pandas()["code"].tolist()
    True
    """

def golden_sample() -> str:
    """The golden file `tests/golden/sample-scores-2026-10.json` as the core produces it: the
    sample community's scores for October 2026 under the default member rule set.
    """

def score_arrow(
    rules: RuleSet,
    period: _PeriodLike,
    events: Any,
    *,
    count: int = 1,
    subjects: Optional[Any] = None,
    float_quantity: bool = False,
    parallel: bool = True,
    points: Literal["decimal", "thousandths"] = "decimal",
    categories: bool = True,
) -> Table:
    """Scores an Arrow table of events (any object with `__arrow_c_stream__`: pyarrow, polars,
    pandas ≥ 2.2, a `dangjian.Table`) under `rules` for `count` periods from `period`; returns
    one row per subject and period.
    """

@final
class Table:
    """A table produced by the core, exported through the Arrow PyCapsule interface:
    `pyarrow.table(t)`, `polars.DataFrame(t)` and `pandas` read it without copying rows
    into Python objects.
    """

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    @property
    def name(self) -> str:
        """The table's name (e.g. `scores`, `members`)."""
    @property
    def num_rows(self) -> int:
        """Number of rows."""
    @property
    def column_names(self) -> list[str]:
        """Column names, in order."""
    @property
    def headers_zh(self) -> list[str]:
        """The Chinese header of each column, in order (the core's `label_zh`; a column the core
        does not know keeps its name).
        """
    def __len__(self) -> int: ...
    def to_pyarrow(self) -> Any:
        """The table as a `pyarrow.Table` (needs pyarrow)."""
    def to_pandas(self, *, exact: bool = False, header: Literal["zh", "en"] = "en") -> pandas.DataFrame:
        """The table as a `pandas.DataFrame` (needs pyarrow and pandas). Decimal point columns
        become `float64` for plotting and analysis unless `exact=True`, which keeps them as
        `decimal.Decimal` values; dates are `datetime64`, counts `int64`. With `header="zh"`
        the columns are named by their Chinese headers (the core's `label_zh`).
        """
    def to_polars(self, *, header: Literal["zh", "en"] = "en") -> Any:
        """The table as a `polars.DataFrame` (needs polars; decimals stay exact, dates are
        `Date`). With `header="zh"` the columns are named by their Chinese headers.
        """
    def to_csv(
        self,
        path: Optional[Union[str, os.PathLike[str]]] = None,
        *,
        header: Literal["zh", "en"] = "zh",
        bom: bool = True,
    ) -> Optional[str]:
        """The table as CSV text, written by the core exactly as `dangjian report --csv-dir`
        writes it: Chinese headers (`header="zh"`, the default) or English ones (`"en"`),
        points as exact decimals, money in yuan with two decimals, ID numbers and phones
        masked, suppressed cells as `*`. With `bom=True` (the default) the text starts with a
        UTF-8 byte order mark so that Excel shows Chinese correctly. With `path`, the text is
        written to that file (UTF-8) and `None` is returned.

        >>> reg = dangjian.Dataset.sample().registry()
        >>> print(reg.membership("2026-10-31").to_csv(header="en", bom=False).splitlines()[0])
        org,org_name,org_kind,org_level,headcount,...
        >>> scores = dangjian.Scorer(dangjian.Dataset.sample()).score(dangjian.RuleSet.member_default(), "2026-10")
        >>> scores.table.to_csv().lstrip("\\ufeff").splitlines()[0]
        '考核期,考核对象,组织编号,总分,基础分,奖励分,扣分,否决项分,等次,等次序号,星级,一票否决,超出名额降等,组织内排名,总排名'
        """
    def to_xlsx(
        self, path: Union[str, os.PathLike[str]], *, header: Literal["zh", "en"] = "zh"
    ) -> None:
        """Writes the table as a formatted Excel workbook (one sheet, titled, bordered, numbers
        as numbers); see `dangjian.write_xlsx` for several tables in one workbook.
        """

@final
class Dataset:
    """A community's data (format `dangjian-dataset` v1): organizations, members, lifecycle
    events and activities. Build one with `Dataset.sample()`, `Dataset.from_json(text)` or
    `Dataset.load(path)`.
    """

    @staticmethod
    def sample() -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def sample_small() -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def synthetic(members: int, *, seed: int = 0) -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def from_json(text: Union[str, bytes]) -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def from_binary(data: bytes) -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    def to_binary(self) -> bytes:
        """The compact binary form of the dataset."""
    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> Dataset:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def json_schema() -> str:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    def to_json(self) -> str:
        """Pretty JSON of the dataset."""
    @property
    def community(self) -> str:
        """Community name."""
    @property
    def n_members(self) -> int:
        """Number of people on the roster."""
    @property
    def n_events(self) -> int:
        """Number of lifecycle events."""
    @property
    def n_activities(self) -> int:
        """Number of activities (scoring input)."""
    def activities(self) -> Table:
        """The activities as a table: id, subject, item, date, quantity, reverses."""
    def orgs(self) -> Table:
        """The organizations as a table: id, name, kind, parent, founded, dissolved."""
    def registry(self) -> Registry:
        """Builds the registry (validates organizations, members and every event)."""
    def compliance(self) -> Compliance:
        """The compliance records (dues, meetings, elections) validated against the registry;
        raises `ComplianceError` naming the section and position of a bad record.
        """
    def posts(self) -> PostBook:
        """The posts, claims and service records (设岗定责, 承诺践诺) validated against the
        registry; raises `PostError`.
        """
    def with_roster(
        self,
        source: _Source,
        *,
        as_of: _DateLike,
        format: Optional[Literal["csv", "xlsx", "xls"]] = None,
        id_prefix: str = "R",
        id_key: Optional[str] = None,
        sheet: Optional[str] = None,
        entry: Optional[Literal["registered", "transferred_in", "初始登记", "转入"]] = None,
    ) -> Dataset:
        """A new dataset with a roster (花名册: CSV in UTF-8, GB18030 or UTF-16, `.xlsx`, `.xls`
        or WPS `.et`; `bytes` or a path) merged in by person: new people are added with a
        初始登记 or 转入 event on `as_of`, people already in the dataset (same id, else same ID
        number) get their static fields updated. Arguments as `Registry.import_roster`. All or
        nothing: raises `RosterError` (every bad cell in `errors()`) or `ValidationError`.
        """
    def add_activities(self, records: Union[str, bytes, dict[str, Any], Sequence[dict[str, Any]]]) -> Dataset:
        """A new dataset with 积分记录 (activities: id, subject, item, date, quantity, reverses, note) added — a list of dicts, one dict or JSON text — all or
        nothing: each record is checked (a unique id, the people, organizations and posts it
        names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
        (code ``record_*``) naming the record: ``第101条积分记录（A000101，XF002）日期
        2026/10/15 应写成 2026-10-15``.

        >>> ds = dangjian.Dataset.sample()
        >>> after = ds.add_activities([{"id": "A900001", "subject": "XF001", "item": "meeting",
        ...                             "date": "2026-10-15"}])
        >>> after.n_activities - ds.n_activities
        1
        """
    def agenda(self, as_of: _DateLike, days: int = 30) -> Table:
        """The agenda (待办与提醒) as of `as_of`: what is overdue and what falls due within `days`
        days, one row per item with its rule code, organization, member (name masked), due date
        and days left.

        >>> t = dangjian.Dataset.sample().agenda("2026-10-31", 30).to_pandas()
        >>> "transfer_letter_expiry" in t["rule"].tolist()
        True
        """
    def appraisal_stats(self, year: int) -> Table:
        """民主评议党员情况 of `year` per branch (members appraised, grades, 限期改正, 劝退, 除名)."""
    def letters(self, as_of: _DateLike) -> Table:
        """The introduction letters (组织关系介绍信) with their status on `as_of`."""
    def pairings(self, first: _DateLike, last: _DateLike) -> Table:
        """The pairings (一帮一结对帮扶 and 党员联系户) in force from `first` to `last` with what was
        done in the period: records, hours, money (fen) and the last day of help.

        >>> t = dangjian.Dataset.sample().pairings("2026-10-01", "2026-10-31").to_pandas()
        >>> sorted(set(t["kind"]))
        ['一帮一结对帮扶', '党员联系户']
        """
    def idle_pairings(self, as_of: _DateLike, months: int = 3) -> Table:
        """The pairings in force on `as_of` that have gone `months` whole months without help or
        a visit (rule `practice_idle_pairing`).
        """
    def grids(self, first: _DateLike, last: _DateLike) -> Table:
        """Statistics per grid (网格化管理) from `first` to `last`: members, households, contacts,
        households reached and missed.
        """
    def service_days(self, first: _DateLike, last: _DateLike) -> Table:
        """The coverage of the regular service days (固定服务日) from `first` to `last`: expected
        days, days covered by verified service, people-days and hours.
        """
    def cobuild(self, first: _DateLike, last: _DateLike) -> Table:
        """What each co-building unit (区域党建联建) did from `first` to `last` against its
        commitments: due, done, shortfall, participants.
        """
    def declarations(self, first: _DateLike, last: _DateLike, pending: bool = False) -> Table:
        """The points declarations (积分申报) of activities dated from `first` to `last` with their
        review; only the pending ones with `pending=True`. Only approved ones are scored.
        """
    def assessment(self, year: int, as_of: _DateLike) -> tuple[Table, Table]:
        """The branch assessment (支部考核, `org-default`) of `year` as of `as_of`, derived from the
        records: `(scores by quarter, the derived deductions with their reasons)`.

        >>> q, d = dangjian.Dataset.sample().assessment(2026, "2026-10-31")
        >>> len(q.to_pandas())
        4
        """
    def change_register(self, first: _DateLike, last: _DateLike) -> Table:
        """The register of additions and removals (党员增减名册) from `first` to `last`, with coded
        reasons.
        """
    def correct_activity(self, id: str, record: Union[str, bytes, dict[str, Any]]) -> Dataset:
        """A new dataset with the record whose id is `id` replaced by `record` (checked as
        `add_activities` checks it).
        """
    def remove_activity(self, id: str) -> Dataset:
        """A new dataset without the record whose id is `id` (``record_not_found`` if none)."""
    def add_meetings(self, records: Union[str, bytes, dict[str, Any], Sequence[dict[str, Any]]]) -> Dataset:
        """A new dataset with 会议记录 (meetings: 三会一课, 主题党日) added — a list of dicts, one dict or JSON text — all or
        nothing: each record is checked (a unique id, the people, organizations and posts it
        names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
        (code ``record_*``) naming the record: ``第1条会议记录（T9，theme_day）日期 2026/10/15
        应写成 2026-10-15``.

        >>> import json
        >>> ds = dangjian.Dataset.sample()
        >>> after = ds.add_meetings([{"id": "T9", "org": "B1", "kind": "theme_day",
        ...                           "date": "2026-10-15", "attendees": ["XF002", "XF003"]}])
        >>> [m["id"] for m in json.loads(after.to_json())["meetings"]][-1]
        'T9'
        """
    def correct_meeting(self, id: str, record: Union[str, bytes, dict[str, Any]]) -> Dataset:
        """A new dataset with the record whose id is `id` replaced by `record` (checked as
        `add_meetings` checks it).
        """
    def remove_meeting(self, id: str) -> Dataset:
        """A new dataset without the record whose id is `id` (``record_not_found`` if none)."""
    def add_payments(self, records: Union[str, bytes, dict[str, Any], Sequence[dict[str, Any]]]) -> Dataset:
        """A new dataset with 党费缴纳记录 (dues payments; a payment's id is ``member/YYYY-MM``) added — a list of dicts, one dict or JSON text — all or
        nothing: each record is checked (a unique id, the people, organizations and posts it
        names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
        (code ``record_*``) naming the record: ``第1条党费缴纳记录（XF999，2026-10）不符合规则：
        …党员 XF999 不在名册中``. ``amount`` is in fen (1650 = 16.50 元).

        >>> import json
        >>> ds = dangjian.Dataset.sample()
        >>> after = ds.add_payments([{"member": "XF001", "month": "2026-11", "amount": 1650,
        ...                           "paid_on": "2026-11-10"}])
        >>> len(json.loads(after.to_json())["payments"]) - len(json.loads(ds.to_json())["payments"])
        1
        """
    def correct_payment(self, id: str, record: Union[str, bytes, dict[str, Any]]) -> Dataset:
        """A new dataset with the record whose id is `id` replaced by `record` (checked as
        `add_payments` checks it).
        """
    def remove_payment(self, id: str) -> Dataset:
        """A new dataset without the record whose id is `id` (``record_not_found`` if none)."""
    def add_service_records(self, records: Union[str, bytes, dict[str, Any], Sequence[dict[str, Any]]]) -> Dataset:
        """A new dataset with 服务记录 (service records of posts) added — a list of dicts, one dict or JSON text — all or
        nothing: each record is checked (a unique id, the people, organizations and posts it
        names, the rules of its section). This dataset is unchanged. Raises `ValidationError`
        (code ``record_*``) naming the record: ``第1条服务记录（S9，P-CIV）日期 2026-13-01
        应写成 YYYY-MM-DD``.

        >>> import json
        >>> ds = dangjian.Dataset.sample()
        >>> after = ds.add_service_records([{"id": "S9", "member": "XF070", "post": "P-CIV",
        ...                                  "date": "2026-10-15", "hours": 2}])
        >>> json.loads(after.to_json())["service"][-1]["hours"]
        2
        """
    def correct_service_record(self, id: str, record: Union[str, bytes, dict[str, Any]]) -> Dataset:
        """A new dataset with the record whose id is `id` replaced by `record` (checked as
        `add_service_records` checks it).
        """
    def remove_service_record(self, id: str) -> Dataset:
        """A new dataset without the record whose id is `id` (``record_not_found`` if none)."""
    def membership_report(self, period: Union[_PeriodLike, int], month: Optional[int] = None) -> str:
        """The membership monthly report (组织与党员月报) of a month as text; the month as in
        `monthly_report` (`"2026-10"`, `datetime.date`, `pandas.Period`, or `(2026, 10)`).

        >>> text = dangjian.Dataset.sample().membership_report("2026-10")
        >>> "2026" in text
        True
        """
    def monthly_report(self, period: Union[_PeriodLike, int], month: Optional[int] = None) -> dict[str, Any]:
        """The community's monthly report (月度党建报告) of a month as a dict: the same content as
        `dangjian report --format json` (membership, flows, findings with their rule codes,
        pipeline, 光荣在党50年, scores, posts, compliance, statistics, elections). The month
        like every period argument (`"2026-10"`, `datetime.date`, `pandas.Period`,
        `pandas.Timestamp`), or as two numbers `(2026, 10)`.

        >>> r = dangjian.Dataset.sample().monthly_report("2026-10")
        >>> r["orgs"][0]["members"]
        158
        """
    def __len__(self) -> int: ...

@final
class Privacy:
    """How a table leaves the library: `Privacy(key=b"...", min_count=3, names="drop",
    contacts=False)`.

    - `key`: replace member ids by keyed pseudonyms (HMAC-SHA256 with this key; the same key
      gives the same pseudonym, so tables can still be joined);
    - `min_count`: withhold counts below this threshold (at least 2), with complementary
      suppression so that no withheld cell can be recomputed; withheld cells are null;
    - `names`: `"drop"` (default), `"mask"` (`张**`) or `"keep"`;
    - `contacts`: keep the (always masked) ID-number and phone columns.

    The default (`Privacy()`) drops names and contact columns and keeps ids and counts.

    >>> import dangjian
    >>> reg = dangjian.Dataset.sample().registry()
    >>> t = reg.membership("2026-10-31", privacy=dangjian.Privacy(min_count=3))
    >>> t.to_pyarrow()["lost_contact"].null_count > 0
    True
    """

    def __new__(
        cls,
        *,
        key: Optional[bytes] = None,
        min_count: Optional[int] = None,
        names: Literal["drop", "mask", "keep"] = "drop",
        contacts: bool = False,
    ) -> Privacy: ...

@final
class Registry:
    """The validated membership registry: the state of every member as of any date, statistics
    tables, and all-or-nothing changes.

    >>> import dangjian
    >>> reg = dangjian.Dataset.sample().registry()
    >>> reg.headcount_on("2026-10-31")
    158
    >>> int(reg.membership("2026-10-31").to_pandas().set_index("org").loc["Z", "headcount"])
    158
    """

    @staticmethod
    def sample_small() -> Registry:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    def headcount_on(self, date: _DateLike) -> int:
        """Members (full and probationary) on `date`."""
    def members_on(self, date: _DateLike, *, privacy: Optional[Privacy] = None) -> Table:
        """The roster on `date` (党员花名册, `stats::member_list`): member, gender, birth_date,
        age, ethnicity, education, stage, admitted_on, converted_on, branch, group (empty when
        none), category, home_unit, floating, lost_contact. Names and the (masked) ID-number
        and phone columns are left out unless `privacy` asks for them.
        """
    def counts_on(self, date: _DateLike, *, rolled_up: bool = True) -> Table:
        """Members per organization on `date`: org, name, kind, parent, members, full,
        probationary. Counts are of the organization's whole subtree when `rolled_up`.
        """
    def membership(self, date: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None) -> Table:
        """Membership statistics per organization on `date` (党员队伍基本情况统计表): headcount,
        full/probationary, gender, ethnicity, education, age bands, party standing, category,
        floating and lost contact, exact shares (per mille) and average age.
        """
    def flow_table(
        self, start: _DateLike, end: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None
    ) -> Table:
        """Flows per organization from `start` to `end` (both inclusive): opening, admitted,
        converted, transfers and moves in and out, deaths, other exits, closing (every row
        reconciles). See `flows` for the community's totals as a dict.
        """
    def pipeline(self, date: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None) -> Table:
        """People at each stage of the development pipeline per organization on `date`."""
    def score_distribution(
        self,
        scores: ScoreTable,
        *,
        thresholds: Optional[Sequence[str]] = None,
        labels: Optional[Sequence[str]] = None,
        rolled_up: bool = True,
        privacy: Optional[Privacy] = None,
    ) -> Table:
        """Distribution of a `ScoreTable`'s totals per organization (积分分布): count, band counts,
        sum, min, max, mean, median, exact. `thresholds` (ascending, e.g. `["60", "75", "90"]`)
        and `labels` (one more) default to the year grades 不合格/基本合格/合格/优秀.
        """
    def flows(self, start: _DateLike, end: _DateLike) -> dict[str, int]:
        """Member flows from `start` to `end` (both inclusive): a dict with start, admitted,
        converted, transferred_in, transferred_out, died, other_exits, end and net
        (`end == start + net`).
        """
    def scope(self, org: str) -> RegistryScope:
        """The view of organization `org`'s subtree (what its secretary may see): reading,
        counting and exporting outside it is impossible. Raises `ScopeError`
        (`scope_org_not_found`) for an unknown organization.

        >>> import dangjian
        >>> b1 = dangjian.Dataset.sample().registry().scope("B1")
        >>> b1.headcount_on("2026-10-31") < 158
        True
        """
    def export_roster(self, date: _DateLike, *, key: Optional[bytes] = None, show_names: bool = False) -> Table:
        """The roster of members and people in the pipeline on `date` (the whole registry), with
        ID numbers and phones masked and names masked; with `key`, ids become keyed pseudonyms
        and names, birth dates, ID numbers and phones are left out (pseudonymized export).
        """
    def apply(self, batch: _Batch) -> dict[str, int]:
        """Applies a batch of lifecycle events — a list of dicts or JSON text/bytes in the
        dataset's event format — all or nothing: on any error (`ValidationError`, code
        `event_rejected`, `json`, `limit_exceeded` …) the registry is unchanged. Returns
        `{"events": n, "members": m}`.

        >>> import dangjian
        >>> reg = dangjian.Registry.sample_small()
        >>> reg.apply([{"member": "M2", "date": "2024-03-01", "type": "converted"}])
        {'events': 1, 'members': 1}
        """
    def add_members(self, records: _Batch) -> None:
        """Adds people (a list of dicts or JSON text/bytes in the dataset's member format), all
        or nothing: on any error (`duplicate_member`, `bad_member`, `json` …) nothing is added.
        """
    def import_roster(
        self,
        source: _Source,
        *,
        as_of: _DateLike,
        format: Optional[Literal["csv", "xlsx", "xls"]] = None,
        id_prefix: str = "R",
        id_key: Optional[str] = None,
        sheet: Optional[str] = None,
        entry: Optional[Literal["registered", "transferred_in", "初始登记", "转入"]] = None,
    ) -> dict[str, int]:
        """Imports a roster (花名册) — CSV (UTF-8, GB18030 or UTF-16), `.xlsx`, `.xls` or WPS
        `.et`, as `bytes` or a path — adding every row as a member on `as_of` (初始登记 or 转入,
        see `entry`), all or nothing. `format` is `"csv"`, `"xlsx"` or `"xls"` (default: from
        the file extension, else the content); `id_key` derives stable ids from ID numbers for
        rows without 编号; `sheet` names the sheet (default: the first visible one); `entry` is
        `"registered"` or `"transferred_in"` for rows without 登记方式. Raises `RosterError`
        whose `errors()` lists every bad cell (row, field, code, masked value, reason).
        Returns `{"events": n, "members": m}`.
        """
    def copy(self) -> Registry:
        """An independent copy (later changes to either do not affect the other)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...

@final
class RegistryScope:
    """A read-only view of a registry restricted to one organization's subtree (what a branch
    secretary may see), from `Registry.scope(org)`. Every query counts only people visible on
    the day concerned; a lookup of a person outside raises `ScopeError` (`not_found`) exactly
    as for an id that does not exist. The view is of the registry as it was when the scope
    was made.

    >>> import dangjian
    >>> b2 = dangjian.Registry.sample_small().scope("B2")
    >>> b2.headcount_on("2024-06-01")
    1
    >>> b2.state("M1", "2024-06-01")
    Traceback (most recent call last):
    ...
    dangjian.errors.ScopeError: 未找到党员 M1
    """

    @property
    def root(self) -> str:
        """The root organization's id."""
    def orgs(self) -> list[str]:
        """The ids of the organizations in scope, in pre-order."""
    def headcount_on(self, date: _DateLike) -> int:
        """Members (full and probationary) visible on `date`."""
    def counts_on(self, date: _DateLike, *, rolled_up: bool = True) -> Table:
        """Members per organization of the scope on `date` (as `Registry.counts_on`, rows of the
        scope's organizations only).
        """
    def flows(self, start: _DateLike, end: _DateLike) -> dict[str, int]:
        """Flows of the scope (a move across its border is a transfer in or out), as a dict."""
    def membership(self, date: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None) -> Table:
        """Membership statistics (as `Registry.membership`), only the rows of this scope."""
    def flow_table(
        self, start: _DateLike, end: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None
    ) -> Table:
        """Flows per organization (as `Registry.flow_table`), only the rows of this scope."""
    def pipeline(self, date: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None) -> Table:
        """The development pipeline per organization (as `Registry.pipeline`), only this scope."""
    def members_on(self, date: _DateLike, *, key: Optional[bytes] = None, show_names: bool = False) -> Table:
        """The roster of people visible on `date` who are members or in the pipeline: ID numbers
        and phones masked, names masked unless `show_names`; with `key`, pseudonymized (ids
        replaced by keyed pseudonyms; names, birth dates, ID numbers and phones left out).
        """
    def scores(self, scores: ScoreTable) -> ScoreTable:
        """`scores` (from `Scorer.score`) cut to this scope: members ranked in a branch of the
        scope (or organizations of the scope, for organization rule sets). The overall rank
        is recomputed among the rows kept, so it tells nothing about the rows left out; the
        rank within an organization is kept. Diagnostics are not carried over (they may name
        subjects outside the scope).

        >>> ds = dangjian.Dataset.sample()
        >>> t = dangjian.Scorer(ds).score(dangjian.RuleSet.member_default(), "2026-10")
        >>> b2 = ds.registry().scope("B2").scores(t)
        >>> sorted(set(b2.table.to_pyarrow()["org"].to_pylist()))
        ['B2']
        """
    def state(self, id: str, date: _DateLike) -> dict[str, Any]:
        """The state of person `id` on `date` as a dict (stage, branch, group, category, …), if
        visible; else `ScopeError` (`not_found`).
        """
    def history(self, id: str) -> list[dict[str, Any]]:
        """The events of person `id` while inside the scope (list of dicts in the dataset's event
        format); `ScopeError` (`not_found`) when none is.
        """
    def pipeline_due(self, date: _DateLike) -> list[dict[str, Any]]:
        """Due dates of the pipeline and of probation for people visible on `date` (list of dicts)."""

@final
class Compliance:
    """A community's compliance records (dues, meetings, elections), from `Dataset.compliance()`.
    Months are `"2026-10"`, `datetime.date`, `pandas.Period` … (a quarter or a year as `first`
    starts at its first month, as `last` ends at its last); every report takes its period and
    report date explicitly.
    `scope="B1"` cuts a report to the rows that organization's subtree may see.

    >>> import dangjian
    >>> c = dangjian.Dataset.sample().compliance()
    >>> arrears = c.arrears("2025-01", "2026-09", as_of="2026-10-31").to_pandas()
    >>> bool(arrears["flagged"].any())
    True
    """

    def arrears(self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, privacy: Optional[Privacy] = None, scope: Optional[str] = None) -> Table:
        """Members in dues arrears (党费欠缴) in `first..=last` as of `as_of`, with the months
        owed and the six-consecutive-months flag of 党章 art. 9.
        """
    def collection(
        self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, rolled_up: bool = True, privacy: Optional[Privacy] = None,
        scope: Optional[str] = None,
    ) -> Table:
        """Dues collection per organization (党费收缴) in `first..=last` as of `as_of`: due,
        paid, outstanding (money as exact `decimal128(18, 2)` yuan).
        """
    def ledger(self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, privacy: Optional[Privacy] = None, scope: Optional[str] = None) -> Table:
        """The month-by-month dues ledger (one row per member and month)."""
    def special_dues(
        self, start: _DateLike, end: _DateLike, *, rolled_up: bool = True, privacy: Optional[Privacy] = None,
        scope: Optional[str] = None,
    ) -> Table:
        """Special dues (特殊党费) paid from `start` to `end` (days, inclusive) per organization."""
    def meetings(self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, privacy: Optional[Privacy] = None, scope: Optional[str] = None) -> Table:
        """Meeting compliance (三会一课, 主题党日) per organization and requirement in
        `first..=last` as of `as_of`: periods required, held, missed, compliant.
        """
    def attendance(
        self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, flag_months: int = 6, privacy: Optional[Privacy] = None,
        scope: Optional[str] = None,
    ) -> Table:
        """Attendance per member in `first..=last` as of `as_of`, with the organization-life
        condition of 党章 art. 9 at `flag_months` (six): months since the last meeting attended,
        excused months pausing, months without a meeting counting (see docs/compliance.md).
        """
    def org_attendance(
        self, first: _PeriodLike, last: _PeriodLike, *, as_of: _DateLike, rolled_up: bool = True, privacy: Optional[Privacy] = None,
        scope: Optional[str] = None,
    ) -> Table:
        """Attendance aggregated per organization (member-meetings expected, attended, excused,
        absent).
        """
    def elections(self, *, scope: Optional[str] = None) -> list[dict[str, Any]]:
        """Every recorded election (换届选举) counted by the rules of 选举条例 (quorum above four
        fifths of those expected, at least 20% more candidates than seats, elected with votes
        from more than half of the voting attendees), in record order: one dict per election
        with its `org` and `date`, the counts (`eligible`, `expected`, `present`,
        `participation_bp`, `ballots`, `valid_ballots`, …), `elected`, `tied`, `unfilled`,
        `valid` and `findings` (`no_quorum`, `not_competitive`, `void`, `tie`, `unfilled`).
        Voters not listed in a record are the full members of its organization's subtree on
        the day. The votes per person are `election_tally(id)`. `scope="B1"` keeps the
        elections of that subtree's organizations.

        >>> e = dangjian.Dataset.sample().compliance().elections()[0]
        >>> (e["org"], e["valid"], len(e["elected"]) == e["seats"] - e["unfilled"])
        ('Z', True, True)
        """
    def election_tally(self, id: str, *, privacy: Optional[Privacy] = None) -> Table:
        """The votes per person of election `id` (most first; on the slate or written in,
        elected, tied), as a table. `ValidationError` (`not_found`) for an unknown id.
        """

@final
class PostBook:
    """Posts, claims and service records (设岗定责, 承诺践诺), from `Dataset.posts()`.

    >>> import dangjian
    >>> posts = dangjian.Dataset.sample().posts()
    >>> fb = posts.feedback("2025-11-01", "2026-10-31")
    >>> fb.column_names[:2]
    ['unit', 'member']
    """

    def coverage_on(self, date: _DateLike) -> Table:
        """Posts open on `date`: capacity, claims held, vacancies."""
    def commitments(self, start: _DateLike, end: _DateLike, *, privacy: Optional[Privacy] = None) -> Table:
        """Each claim's commitment month by month in `start..=end` (承诺践诺): due months and
        whether each was kept.
        """
    def feedback(
        self,
        start: _DateLike,
        end: _DateLike,
        *,
        scores: Optional[ScoreTable] = None,
        units: bool = False,
        privacy: Optional[Privacy] = None,
    ) -> Table:
        """The two-way feedback report to home units (双向反馈) for `start..=end`: one row per
        member listed under a unit (claims, hours, verified hours, commitments kept/due, and
        the member's total from `scores` when given). `units=True` gives the totals per unit.
        """

@final
class RuleSet:
    """A points rule set (积分规则): items, caps, grades, stars, quota. Validated on load; raises
    `RuleError` saying which item and field are wrong.
    """

    @staticmethod
    def member_default() -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def member_strict() -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def org_default() -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def from_json(text: Union[str, bytes]) -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def from_toml(text: Union[str, bytes]) -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> RuleSet:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    def to_json(self) -> str:
        """Pretty JSON of the rule set."""
    @property
    def id(self) -> str:
        """Rule set id."""
    @property
    def version(self) -> int:
        """Version number."""
    @property
    def name(self) -> str:
        """Display name."""
    @property
    def subject(self) -> str:
        """`member` or `organization`."""
    @property
    def period(self) -> str:
        """`month`, `quarter` or `year`."""
    @property
    def items(self) -> list[str]:
        """Item codes, in order (the item index of the bulk API)."""

@final
class RuleBook:
    """Versions of one rule set with effective dates (规则版本): each period is scored with the
    version in force on its first day, so last year's report is reproduced with last year's
    table. Built from `RuleSet`s (validated: one id, subject and period; versions rising with
    `effective_from`); raises `RuleError` (`rule_book`) otherwise.

    >>> import dangjian, json
    >>> v1 = dangjian.RuleSet.member_default()
    >>> d = json.loads(v1.to_json()); d["version"] = 2; d["effective_from"] = "2026-07-01"
    >>> book = dangjian.RuleBook([v1, dangjian.RuleSet.from_json(json.dumps(d))])
    >>> book.for_period("2026-06").version, book.for_period("2026-07").version
    (1, 2)
    """

    def __new__(cls, rule_sets: Sequence[RuleSet]) -> RuleBook: ...
    @staticmethod
    def from_json(text: Union[str, bytes]) -> RuleBook:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> RuleBook:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    def to_json(self) -> str:
        """JSON array of the versions, oldest first."""
    @property
    def versions(self) -> list[RuleSet]:
        """The versions, oldest first."""
    def in_force(self, date: _DateLike) -> Optional[RuleSet]:
        """The version in force on `date` (`None` before the first)."""
    def for_period(self, period: _PeriodLike) -> Optional[RuleSet]:
        """The version used to score `period`: the one in force on its first day."""
    def __len__(self) -> int: ...

@final
class Scorer:
    """Scores a dataset's activities under rule sets: `score`, `explain`, `what_if`, `report`.
    Construction checks the activities once (unique ids, subjects, reversals).
    """

    def __new__(cls, dataset: Dataset, *, mode: Literal["strict", "lenient"] = "strict") -> Scorer: ...
    @property
    def mode(self) -> str:
        """`"strict"` or `"lenient"`."""
    def score(self, rules: Union[RuleSet, RuleBook], period: _PeriodLike) -> ScoreTable:
        """Scores one period of the rule set's kind (`"2026-10"`, a `datetime.date` or
        `pandas.Timestamp` for the month holding it, or a `pandas.Period`; `"2026-Q4"` or
        `"2026"` for a quarterly or yearly rule set) under a `RuleSet`, or under the version of
        a `RuleBook` in force on the period's first day, giving a `ScoreTable`. A year or a
        quarter under a monthly rule set (every month scored, graded by the monthly mean) is
        `score_year`; `score` refuses it (`ScoringError`, code `wrong_period`).
        """
    def score_year(self, rules: RuleSet, year: Union[int, _PeriodLike]) -> AnnualSummary:
        """The summary of a year (`2026`, `"2026"`, a yearly `pandas.Period`) or a quarter
        (`"2026-Q4"`) under a rule set of shorter periods: each period scored, summed, graded by
        the mean period total, the top-grade quota per organization, ranks by mean (the core's
        `AnnualSummary`). A period not longer than the rule set's is refused (`ScoringError`,
        code `wrong_period`): score it with `score`.
        """
    def score_range(self, rules: RuleSet, first: _PeriodLike, count: int) -> list[ScoreTable]:
        """Scores `count` consecutive periods from `first` in one call."""
    def explain(self, rules: RuleSet, period: _PeriodLike, subject: str) -> Explanation:
        """How `subject`'s score in `period` was reached: every event, item and category."""
    def what_if(self, a: RuleSet, b: RuleSet, period: _PeriodLike) -> WhatIf:
        """Scores `period` under rule sets `a` and `b` and compares grades and ranks."""
    def report(self, rules: RuleSet, period: _PeriodLike, *, community: Optional[str] = None) -> ScoreReport:
        """The period's public report (一月一考核一通报): scores with masked names, movers,
        warnings.
        """

@final
class AnnualSummary:
    """The summary of a year or quarter scored period by period (积分管理: scored monthly and
    summed for the year): one row per subject scored in at least one period, with `months`
    (periods scored), `sum` and `mean` of the period totals, and the grade the **mean**
    reaches (a member who joined in June is graded on the months they were a member; a veto
    in any month gives the lowest grade), the top-grade quota per organization and ranks by
    mean. An Arrow table (`__arrow_c_stream__`): columns span, subject, org, months, sum,
    mean (exact decimals), grade, grade_index, vetoed, demoted, rank_in_org, rank_overall.

    >>> year = scorer.score_year(dangjian.RuleSet.member_default(), 2026)  # doctest: +SKIP
    >>> year.span  # doctest: +SKIP
    '2026-01..2026-12'
    """

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    @property
    def table(self) -> Table:
        """The rows as an Arrow `Table` object."""
    def __len__(self) -> int: ...
    def to_pandas(self, *, exact: bool = False, header: Literal["zh", "en"] = "en") -> pandas.DataFrame:
        """The rows as a `pandas.DataFrame` (see `Table.to_pandas`)."""
    def to_polars(self, *, header: Literal["zh", "en"] = "en") -> Any:
        """The rows as a `polars.DataFrame` (see `Table.to_polars`)."""
    @property
    def span(self) -> str:
        """First and last period summed, e.g. `2026-01..2026-12`."""
    @property
    def rule_set(self) -> str:
        """Rule set id."""
    @property
    def grade_names(self) -> list[str]:
        """Grade names, best first."""
    def to_json(self) -> str:
        """The core's pretty JSON of the summary."""

def merge_rank_histograms(histograms: list[tuple[list[int], list[int]]]) -> tuple[list[int], list[int]]:
    """The overall competition ranks of partitioned scoring (each partition holding whole
    organizations): `histograms` is one `(totals, counts)` pair per partition (distinct
    totals in int64 thousandths and the number of rows with each). Returns the distinct
    totals of all partitions, ascending, and the rank of each (`1 + rows with a greater
    total`, as the core's kernel ranks), merged by the core (`scoring::RankHistogram`).

    >>> merge_rank_histograms([([70000, 65000], [1, 2]), ([68000, 65000], [1, 1])])
    ([65000, 68000, 70000], [3, 2, 1])
    """

@final
class ScoreTable:
    """Scores of one period under one rule set, one row per subject. An Arrow table
    (`__arrow_c_stream__`): columns period, subject, org, total, basic, reward, deduction, veto
    (exact decimals), grade, grade_index, stars, vetoed, demoted, rank_in_org, rank_overall.
    """

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    @property
    def table(self) -> Table:
        """The rows as an Arrow `Table` object."""
    def __len__(self) -> int: ...
    def to_pandas(self, *, exact: bool = False, header: Literal["zh", "en"] = "en") -> pandas.DataFrame:
        """The rows as a `pandas.DataFrame` (see `Table.to_pandas`)."""
    def to_polars(self, *, header: Literal["zh", "en"] = "en") -> Any:
        """The rows as a `polars.DataFrame` (see `Table.to_polars`)."""
    @property
    def rule_set(self) -> str:
        """Rule set id."""
    @property
    def rule_version(self) -> int:
        """Rule set version."""
    @property
    def period(self) -> str:
        """The period (`2026-10`)."""
    @property
    def grade_names(self) -> list[str]:
        """Grade names, best first."""
    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """Activities left out (lenient mode): dicts with code, record, position, message."""
    def to_json(self) -> str:
        """The core's pretty JSON of the table (byte-identical to the Rust and WASM output)."""
    def to_csv(self) -> str:
        """CSV with a header row; grades by name."""

@final
class Explanation:
    """How one subject's score was reached: tables `events`, `items`, `categories` and the final
    figures.
    """

    @property
    def subject(self) -> str:
        """The subject."""
    @property
    def period(self) -> str:
        """The period."""
    @property
    def base(self) -> Any:
        """Base points (exact `Decimal`)."""
    @property
    def total(self) -> Any:
        """Total (exact `Decimal`)."""
    @property
    def grade(self) -> str:
        """Grade name."""
    @property
    def stars(self) -> int:
        """Stars."""
    @property
    def vetoed(self) -> bool:
        """Whether a veto forced the lowest grade."""
    @property
    def demoted(self) -> bool:
        """Whether the top-grade quota demoted the subject."""
    @property
    def rank_in_org(self) -> int:
        """Rank in the subject's organization."""
    @property
    def rank_overall(self) -> int:
        """Overall rank."""
    def events(self) -> Table:
        """One row per event: id, item, date, quantity, window, raw, counted, status."""
    def items(self) -> Table:
        """One row per item: code, name, category, quantity, raw, counted."""
    def categories(self) -> Table:
        """One row per category: category, raw, counted, cap."""
    def to_json(self) -> str:
        """The core's pretty JSON."""

@final
class WhatIf:
    """A comparison of two rule sets over one period. An Arrow table (subject, org, total_a,
    total_b, grade_a, grade_b, rank_a, rank_b, rank_in_org_a, rank_in_org_b) plus summary
    figures.
    """

    def table(self) -> Table:
        """The rows as an Arrow table."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...
    def to_pandas(self, *, exact: bool = False, header: Literal["zh", "en"] = "en") -> pandas.DataFrame:
        """The rows as a `pandas.DataFrame` (see `Table.to_pandas`)."""
    def to_polars(self, *, header: Literal["zh", "en"] = "en") -> Any:
        """The rows as a `polars.DataFrame` (see `Table.to_polars`)."""
    @property
    def period(self) -> str:
        """The period."""
    @property
    def rule_set_a(self) -> str:
        """Rule set A."""
    @property
    def rule_set_b(self) -> str:
        """Rule set B."""
    @property
    def grade_changes(self) -> int:
        """Subjects whose grade differs."""
    @property
    def rank_changes(self) -> int:
        """Subjects whose overall rank differs."""
    @property
    def spearman(self) -> Optional[float]:
        """Spearman rank correlation as a float (for display and analysis), or None; the
        exact value is `spearman_exact`.
        """
    @property
    def spearman_exact(self) -> Optional[tuple[int, int]]:
        """Spearman rank correlation as an exact fraction `(num, den)`, or None."""
    @property
    def spearman_per_mille(self) -> Optional[int]:
        """Spearman rank correlation in thousandths (rounded), or None."""
    def __len__(self) -> int: ...
    def to_json(self) -> str:
        """The core's pretty JSON."""

@final
class ScoreReport:
    """The monthly scoring report (一月一考核一通报): scores with masked names, movers, warnings."""

    @property
    def community(self) -> str:
        """Community name."""
    @property
    def period(self) -> str:
        """The period."""
    def table(self) -> Table:
        """The leaderboard: the score columns plus `name` (masked) and `org_name`."""
    def movers(self) -> Table:
        """Top gainers then top losers of overall rank: subject, rank_before, rank_now, gained."""
    @property
    def warnings(self) -> list[str]:
        """Things to look at, in Chinese."""
    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """Activities left out (lenient mode)."""
    def to_text(self) -> str:
        """The report as text (Chinese)."""
    def to_json(self) -> str:
        """The core's JSON."""

@final
class Store:
    """The append-only store of one community in one SQLite file (see `docs/store.md`).

    Every change is a batch checked by the core and written all or nothing, stamped with when
    it was recorded and by whom; `dataset_as_recorded(t)` gives the community as the store held
    it at `t`. One `Store` object is one connection; several may be open on the same file.
    """

    @staticmethod
    def create(
        path: Union[str, os.PathLike[str]],
        dataset: Dataset,
        *,
        recorded_at: datetime.datetime,
        recorded_by: str,
        note: str = "",
    ) -> Store:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def import_json(
        path: Union[str, os.PathLike[str]],
        text: str,
        *,
        recorded_at: datetime.datetime,
        recorded_by: str,
        note: str = "",
    ) -> Store:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @staticmethod
    def open(path: Union[str, os.PathLike[str]]) -> Store:
        """staticmethod(function) -> method

        Convert a function to be a static method.

        A static method does not receive an implicit first argument.
        To declare a static method, use this idiom:

             class C:
                 @staticmethod
                 def f(arg1, arg2, argN):
                     ...

        It can be called either on the class (e.g. C.f()) or on an instance
        (e.g. C().f()). Both the class and the instance are ignored, and
        neither is passed implicitly as the first argument to the method.

        Static methods in Python are similar to those found in Java or C++.
        For a more advanced concept, see the classmethod builtin.
        """
    @property
    def path(self) -> str:
        """The file's path."""
    def head(self) -> dict[str, Any]:
        """The latest batch, as a dict (`id`, `kind`, `recorded_at`, `recorded_by`, `note`,
        `base`, `records`, `digest`).
        """
    def history(self) -> list[dict[str, Any]]:
        """Every batch, oldest first (the audit trail), as dicts like `head()`."""
    def dataset(self) -> Dataset:
        """The latest dataset."""
    def dataset_as_recorded(self, at: datetime.datetime) -> Dataset:
        """The dataset as recorded on `at` (a naive `datetime.datetime`): every batch recorded at
        or before it and none after.
        """
    def dataset_at(self, batch: int) -> Dataset:
        """The dataset after batch number `batch`."""
    def append(
        self,
        records: Union[str, dict[str, Any]],
        *,
        recorded_at: datetime.datetime,
        recorded_by: str,
        expected_head: int,
        note: str = "",
    ) -> dict[str, Any]:
        """Appends records (a dict of section name to a list of records, or JSON text) as one
        batch based on `expected_head`; raises `StoreError` with code `conflict` if another
        writer committed first. Returns the new batch as a dict.
        """
    def replace(
        self,
        dataset: Dataset,
        *,
        recorded_at: datetime.datetime,
        recorded_by: str,
        expected_head: int,
        note: str = "",
    ) -> dict[str, Any]:
        """Replaces the whole dataset (a correction or an import) as one batch based on
        `expected_head`; earlier batches stay readable.
        """
    def export_json(self) -> str:
        """The latest dataset as JSON text (the exchange format)."""
    def verify(self) -> dict[str, int]:
        """Checks the whole store (SQLite's integrity check, the digest chain, the core's
        validation); returns `{"batches", "records", "head"}`.
        """
