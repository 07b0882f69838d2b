"""Writes the example notebooks (kept as source here so reviews see plain Python).

    python make_notebooks.py    # rewrites *.ipynb next to this file (without outputs)
"""

from __future__ import annotations

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = pathlib.Path(__file__).resolve().parent

SETUP = '''import datetime, pathlib
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pyarrow as pa
import dangjian

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
                      'sex = members["gender"].map({"男": "men", "女": "women"})\n'
                      'pyr = members.assign(sex=sex).groupby(["band", "sex"]).size().unstack(fill_value=0)\n'
                      'fig, ax = plt.subplots(figsize=(7, 5))\n'
                      'ax.barh(pyr.index, -pyr.get("men", 0), height=4, label="men")\n'
                      'ax.barh(pyr.index, pyr.get("women", 0), height=4, label="women")\n'
                      'ax.set_yticks(pyr.index, [f"{b}-{b + 4}" for b in pyr.index])\n'
                      'ax.set_xlabel("members"); ax.set_title("Age pyramid, 2026-10-31"); ax.legend()\n'
                      + SAVE.format(name="age_pyramid") + '\n'
                      'assert pyr.to_numpy().sum() == 158\n'
                      'assert (members["age"] <= 35).sum() == stats.loc["Z", "age_35_or_under"]\n'
                      'assert (sex == "men").sum() == stats.loc["Z", "male"]'),
        new_code_cell('AGE_BANDS = ["age_35_or_under", "age_36_45", "age_46_55", "age_56_65", "age_66_75", "age_over_75"]\n'
                      'bands = stats.loc[branch_ids, AGE_BANDS]\n'
                      'bands.columns = ["<=35", "36-45", "46-55", "56-65", "66-75", ">75"]\n'
                      'fig, ax = plt.subplots(figsize=(7, 4))\n'
                      'bands.plot.bar(stacked=True, ax=ax, title="Age bands per branch (core statistics)")\n'
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
                      'cat.plot.bar(stacked=True, ax=axes[0], title="Members per branch by category")\n'
                      'stats.loc[branch_ids, ["full", "probationary"]].plot.bar(stacked=True, ax=axes[1], title="Full and probationary")\n'
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
                      'ax.invert_yaxis(); ax.set_xlabel("points"); ax.set_title("Leaderboard, 2026-10 (top 15)")\n'
                      + SAVE.format(name="leaderboard") + '\n'
                      'top[["rank_overall", "subject", "org", "total", "grade", "stars"]]'),
        new_code_cell('labels = ["excellent", "good", "pass", "fail"]\n'
                      'grades = board.assign(grade=board["grade_index"].map(dict(enumerate(labels))))\n'
                      'per_branch = grades.groupby(["org", "grade"]).size().unstack(fill_value=0)[labels]\n'
                      '# The 20 % quota on the top grade holds in every branch.\n'
                      'assert (per_branch["excellent"] * 100 <= per_branch.sum(axis=1) * 20).all()\n'
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
                      'ax.set_xlabel("member-default"); ax.set_ylabel("member-strict")\n'
                      'ax.set_title(f"What-if: {int(changed.sum())} grade changes (red)")\n'
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
                      'inflow = after[["admitted", "transferred_in"]]\n'
                      'outflow = -after[["transferred_out", "died", "other_exits"]]\n'
                      'inflow.plot.bar(stacked=True, ax=ax, color=["tab:green", "tab:olive"])\n'
                      'outflow.plot.bar(stacked=True, ax=ax, color=["tab:orange", "tab:grey", "tab:red"])\n'
                      'ax2 = ax.twinx()\n'
                      'ax2.plot(range(len(after)), after["end"], color="black", marker="o", label="members at end")\n'
                      'ax.legend(loc="upper left")\n'
                      'ax2.set_ylabel("members")\n'
                      'ax.set_title("Quarterly flows after founding, 2023-02 to 2026-10"); ax.axhline(0, color="black", lw=0.8)\n'
                      'fig.tight_layout()\n'
                      + SAVE.format(name="flows")),
    ],
}


def main() -> None:
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    main()
