"""Writes the example notebooks (kept as source here so reviews see plain Python).

    python make_notebooks.py    # rewrites *.ipynb next to this file (without outputs)
"""

from __future__ import annotations

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

SETUP = '''import datetime, pathlib
import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa
import dangjian
from dangjian.plotting import use_cjk_font

use_cjk_font()  # an installed Chinese font (Noto CJK, WenQuanYi …), so labels are not boxes

IMAGES = pathlib.Path("images")
IMAGES.mkdir(exist_ok=True)
AS_OF = datetime.date(2026, 10, 31)
ds = dangjian.Dataset.sample()
reg = ds.registry()
ds'''

SAVE = 'fig.savefig(IMAGES / "{name}.png", dpi=100, metadata={{"Software": None}})'

NOTEBOOKS = {
    "membership.ipynb": [
        new_markdown_cell("# Membership structure of the sample community\n\n"
                          "The bundled sample community (翔凤社区) as of 2026-10-31: who the members are, "
                          "an age pyramid and the composition of each branch. Every figure comes from the "
                          "core as an Arrow table — the roster (`members_on`, ages computed by the core) and "
                          "the membership statistics (`membership`: headcounts, gender, education, age bands, "
                          "categories per organization, rolled up the tree); pandas only reshapes and plots."),
        new_code_cell(SETUP),
        new_code_cell('members = reg.members_on(AS_OF).to_pandas()\n'
                      'assert len(members) == reg.headcount_on(AS_OF) == 158\n'
                      'members.head()'),
        new_code_cell('stats = reg.membership(AS_OF).to_pandas().set_index("org")\n'
                      'orgs = ds.orgs().to_pandas()\n'
                      'branch_ids = list(orgs.loc[orgs["kind"] == "branch", "id"])\n'
                      'assert stats.loc["Z", "headcount"] == 158\n'
                      'stats.loc[["Z"] + branch_ids, ["headcount", "full", "probationary", "male", "female", "age_35_or_under", "avg_age"]]'),
        new_markdown_cell("## Age pyramid\n\nAges in whole years on the report date (the core's `age` column), in five-year "
                          "bands, men left and women right. The core's own bands (35 or under, 36–45, …) follow."),
        new_code_cell('members["band"] = (members["age"] // 5 * 5).astype(int)\n'
                      'sex = members["gender"]\n'
                      'pyr = members.assign(sex=sex).groupby(["band", "sex"]).size().unstack(fill_value=0)\n'
                      'fig, ax = plt.subplots(figsize=(7, 5))\n'
                      'ax.barh(pyr.index, -pyr.get("男", 0), height=4, label="男")\n'
                      'ax.barh(pyr.index, pyr.get("女", 0), height=4, label="女")\n'
                      'ax.set_yticks(pyr.index, [f"{b}-{b + 4}" for b in pyr.index])\n'
                      'ax.set_xlabel("党员人数"); ax.set_title("年龄金字塔（2026-10-31）"); ax.legend()\n'
                      + SAVE.format(name="age_pyramid") + '\n'
                      'assert pyr.to_numpy().sum() == 158\n'
                      'assert (members["age"] <= 35).sum() == stats.loc["Z", "age_35_or_under"]\n'
                      'assert (sex == "男").sum() == stats.loc["Z", "male"]'),
        new_code_cell('AGE_BANDS = ["age_35_or_under", "age_36_45", "age_46_55", "age_56_65", "age_66_75", "age_over_75"]\n'
                      'bands = stats.loc[branch_ids, AGE_BANDS]\n'
                      'bands.columns = ["35岁及以下", "36-45岁", "46-55岁", "56-65岁", "66-75岁", "75岁以上"]\n'
                      'fig, ax = plt.subplots(figsize=(7, 4))\n'
                      'bands.plot.bar(stacked=True, ax=ax, title="各支部年龄结构（核心统计）")\n'
                      'fig.tight_layout()\n'
                      + SAVE.format(name="age_bands") + '\n'
                      'assert (bands.sum(axis=1) == stats.loc[branch_ids, "headcount"]).all()'),
        new_markdown_cell("## Composition of the branches\n\nMembers per branch by category, and stage (full or "
                          "probationary), from the membership statistics table."),
        new_code_cell('CATS = ["cat_resident", "cat_retired", "cat_in_service", "cat_floating", "cat_student", "cat_farmer", "cat_unemployed"]\n'
                      'cat = stats.loc[branch_ids, CATS]\n'
                      'cat = cat.loc[:, cat.sum() > 0]\n'
                      'cat.columns = [c.removeprefix("cat_") for c in cat.columns]\n'
                      'fig, axes = plt.subplots(1, 2, figsize=(11, 4))\n'
                      'cat.plot.bar(stacked=True, ax=axes[0], title="各支部党员类别")\n'
                      'stats.loc[branch_ids, ["full", "probationary"]].plot.bar(stacked=True, ax=axes[1], title="正式党员与预备党员")\n'
                      'fig.tight_layout()\n'
                      + SAVE.format(name="composition") + '\n'
                      'assert cat.to_numpy().sum() == stats.loc[branch_ids, "headcount"].sum() == 158\n'
                      'counts = reg.counts_on(AS_OF).to_pandas().set_index("org")\n'
                      'assert (counts.loc[branch_ids, "members"] == stats.loc[branch_ids, "headcount"]).all()'),
    ],
    "scoring_report.ipynb": [
        new_markdown_cell("# The monthly scoring report\n\n"
                          "October 2026 under the default member rule set (积分管理): the report text, a "
                          "leaderboard, grades per branch, one member's explanation, and a what-if "
                          "comparison with the stricter rule set."),
        new_code_cell(SETUP),
        new_code_cell('rules = dangjian.RuleSet.member_default()\n'
                      'scorer = dangjian.Scorer(ds)\n'
                      'report = scorer.report(rules, "2026-10")\n'
                      'print(report.to_text()[:1200])'),
        new_code_cell('board = report.table().to_pandas()\n'
                      'assert len(board) == 158 and board["rank_overall"].min() == 1\n'
                      'top = board.sort_values("rank_overall").head(15)\n'
                      'fig, ax = plt.subplots(figsize=(8, 5))\n'
                      'ax.barh(top["subject"] + " (" + top["org"] + ")", top["total"])\n'
                      'ax.invert_yaxis(); ax.set_xlabel("积分"); ax.set_title("2026年10月积分排行（前15名）")\n'
                      + SAVE.format(name="leaderboard") + '\n'
                      'top[["rank_overall", "subject", "org", "total", "grade", "stars"]]'),
        new_code_cell('# The rule set\'s own grade names (优秀, 合格, 基本合格, 不合格), in grade order.\n'
                      'labels = board.sort_values("grade_index").drop_duplicates("grade_index")["grade"].tolist()\n'
                      'grades = board\n'
                      'per_branch = grades.groupby(["org", "grade"]).size().unstack(fill_value=0)[labels]\n'
                      '# The 20 % quota on the top grade holds in every branch.\n'
                      'assert (per_branch[labels[0]] * 100 <= per_branch.sum(axis=1) * 20).all()\n'
                      'per_branch'),
        new_code_cell('e = scorer.explain(rules, "2026-10", top["subject"].iloc[0])\n'
                      'print(e)\n'
                      'e.items().to_pandas()'),
        new_markdown_cell("## What if the stricter rule set applied?"),
        new_code_cell('w = scorer.what_if(rules, dangjian.RuleSet.member_strict(), "2026-10")\n'
                      'cmp = w.to_pandas()\n'
                      'print(w, "Spearman (per mille):", w.spearman_per_mille)\n'
                      'fig, ax = plt.subplots(figsize=(5, 5))\n'
                      'changed = cmp["grade_a"] != cmp["grade_b"]\n'
                      'ax.scatter(cmp["total_a"], cmp["total_b"], c=changed.map({True: "tab:red", False: "tab:blue"}), s=12)\n'
                      'lo, hi = cmp[["total_a", "total_b"]].min().min(), cmp[["total_a", "total_b"]].max().max()\n'
                      'ax.plot([lo, hi], [lo, hi], color="grey", lw=1)\n'
                      'ax.set_xlabel("默认规则"); ax.set_ylabel("从严规则")\n'
                      'ax.set_title(f"规则对比：{int(changed.sum())} 人等次变化（红）")\n'
                      + SAVE.format(name="what_if") + '\n'
                      'assert int(changed.sum()) == w.grade_changes'),
    ],
    "flows.ipynb": [
        new_markdown_cell("# Membership flows over four years\n\n"
                          "Quarterly flows of the sample community from its founding (2022-11-01) to "
                          "2026-10-31: admissions and transfers in, transfers out, deaths and other exits. "
                          "Every quarter reconciles: end = start + net."),
        new_code_cell(SETUP),
        new_code_cell('rows = []\n'
                      'start = datetime.date(2022, 11, 1)\n'
                      'while start <= AS_OF:\n'
                      '    nxt = (pd.Timestamp(start) + pd.DateOffset(months=3)).date()\n'
                      '    end = min(nxt - datetime.timedelta(days=1), AS_OF)\n'
                      '    f = reg.flows(start, end)\n'
                      '    assert f["end"] == f["start"] + f["net"]\n'
                      '    rows.append({"quarter": f"{start:%Y-%m}", **f})\n'
                      '    start = nxt\n'
                      'flows = pd.DataFrame(rows).set_index("quarter")\n'
                      'assert len(flows) == 16 and flows["end"].iloc[-1] == 158\n'
                      'flows'),
        new_markdown_cell("The founding quarter brings the whole membership in by transfer (%s members); "
                          "the chart shows the quarters after it." % "see the table"),
        new_code_cell('after = flows.iloc[1:]\n'
                      'fig, ax = plt.subplots(figsize=(10, 4.5))\n'
                      'inflow = after[["admitted", "transferred_in"]].set_axis(["发展（接收预备党员）", "转入"], axis=1)\n'
                      'outflow = -after[["transferred_out", "died", "other_exits"]].set_axis(["转出", "去世", "其他减少"], axis=1)\n'
                      'inflow.plot.bar(stacked=True, ax=ax, color=["tab:green", "tab:olive"])\n'
                      'outflow.plot.bar(stacked=True, ax=ax, color=["tab:orange", "tab:grey", "tab:red"])\n'
                      'ax2 = ax.twinx()\n'
                      'ax2.plot(range(len(after)), after["end"], color="black", marker="o", label="期末党员数")\n'
                      'ax.legend(loc="upper left")\n'
                      'ax2.set_ylabel("党员人数")\n'
                      'ax.set_title("建立后各季度党员流动（2023-02 至 2026-10）"); ax.axhline(0, color="black", lw=0.8); ax.set_xlabel("季度")\n'
                      'fig.tight_layout()\n'
                      + SAVE.format(name="flows")),
    ],
}

# The first lines an analyst writes (issue 21), as they would write them: no workaround, figures
# inline, Chinese labels. In bindings-python/notebooks/ (run in CI by `pytest --nbmake`).
NOTEBOOKS["../notebooks/analyst.ipynb"] = [
    new_markdown_cell("# 十行上手：分析员的第一个笔记本\n\n"
                      "Load a community, statistics on two dates and their difference, a chart with "
                      "Chinese labels, a month's scores, a what-if of two rule sets and an Excel "
                      "export — each step one line, as an analyst writes it."),
    new_code_cell('import datetime\n'
                  'import matplotlib.pyplot as plt\n'
                  'import pandas as pd\n'
                  'import dangjian\n'
                  'from dangjian.plotting import use_cjk_font\n'
                  'use_cjk_font()'),
    new_code_cell('ds = dangjian.Dataset.sample()                 # or dangjian.Dataset.load("community.json")\n'
                  'reg = ds.registry()\n'
                  'before = reg.membership("2025-10-31").to_pandas().set_index("org")\n'
                  'after = reg.membership(datetime.date(2026, 10, 31)).to_pandas().set_index("org")\n'
                  'change = after["headcount"] - before["headcount"]\n'
                  'change'),
    new_code_cell('ax = change.plot.bar(title="一年来各组织党员人数变化", xlabel="组织", ylabel="人数变化")\n'
                  'plt.show()'),
    new_code_cell('rules = dangjian.RuleSet.member_default()\n'
                  'scorer = dangjian.Scorer(ds)\n'
                  'scores = scorer.score(rules, pd.Period("2026-10", freq="M"))\n'
                  'scores.to_pandas().groupby("grade").size().plot.bar(title="2026年10月各等次人数", xlabel="等次")\n'
                  'plt.show()'),
    new_code_cell('w = scorer.what_if(rules, dangjian.RuleSet.member_strict(), "2026-10")\n'
                  'w.grade_changes, w.rank_changes'),
    new_code_cell('dangjian.write_xlsx("analyst-2026-10.xlsx", [reg.membership("2026-10-31"), scores.table])'),
    new_markdown_cell("Checks (the notebook is a test in CI)."),
    new_code_cell('f = reg.flows("2025-11-01", "2026-10-31")\n'
                  'assert int(change["Z"]) == f["net"] == f["end"] - f["start"]\n'
                  'assert len(scores) == 158 and set(scores.to_pandas()["grade"]) <= {"优秀", "合格", "基本合格", "不合格"}\n'
                  'assert w.grade_changes >= 0\n'
                  'import pathlib; assert pathlib.Path("analyst-2026-10.xlsx").stat().st_size > 0\n'
                  'pathlib.Path("analyst-2026-10.xlsx").unlink()'),
]


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells)
        for i, cell in enumerate(nb.cells):  # stable ids: regenerating changes nothing
            cell["id"] = f"{pathlib.Path(name).stem}-{i}"
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, (HERE / name).resolve())


if __name__ == "__main__":
    main()
