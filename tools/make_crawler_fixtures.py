#!/usr/bin/env python3
"""Writes tests/fixtures/crawler/: reports as crawlers that strip all markup and
white space leave them, every table row's cells run together (`行政许可3960181`).

Each report is rendered from a truth file of tests/fixtures/seeds/ or
tests/fixtures/written/ (organ, year, edition and every figure). The truth
written beside it keeps a figure only where a careful reader can split its row
with certainty; this script decides that by brute force, independently of the
crate: every cut of a run into the row's values (no leading zeros), the row
totals, and for section 三 every combination of the rows' cuts under the column
sums (outcome total, balance). A row left with more than one reading, or with
a blank cell (which leaves no trace in run-together text), is null.

Usage: python3 tools/make_crawler_fixtures.py   (from the repository root)
"""
import itertools, json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "crawler")
SOURCES = ["tests/fixtures/seeds/001_1bf17e5d24045e7c", "tests/fixtures/seeds/002_6e2546a832e75983",
           "tests/fixtures/written/w2021_tabs", "tests/fixtures/written/w2019_indented",
           "tests/fixtures/written/w2021_web"]

ACTIVE = {
    "2019": [("规章", "regulations", ["made", "published", "total_public"]),
             ("规范性文件", "normative_documents", ["made", "published", "total_public"]),
             ("行政许可", "licensing", ["last_year", "change", "decisions"]),
             ("其他对外管理服务事项", "other_services", ["last_year", "change", "decisions"]),
             ("行政处罚", "penalty", ["last_year", "change", "decisions"]),
             ("行政强制", "coercion", ["last_year", "change", "decisions"]),
             ("行政事业性收费", "fees", ["last_year", "change"]),
             ("政府集中采购", "procurement", ["items", "amount"])],
    "2021": [("规章", "regulations", ["issued", "repealed", "in_force"]),
             ("行政规范性文件", "normative_documents", ["issued", "repealed", "in_force"]),
             ("行政许可", "licensing", ["decisions"]), ("行政处罚", "penalty", ["decisions"]),
             ("行政强制", "coercion", ["decisions"]), ("行政事业性收费", "fees", ["amount"])],
}
HEAD = {"2019": ["信息内容本年新制作数量本年新公开数量对外公开总数量", "信息内容上一年项目数量本年增/减处理决定数量",
                 "信息内容上一年项目数量本年增/减处理决定数量", "信息内容上一年项目数量本年增/减", "信息内容采购项目数量采购总金额"],
        "2021": ["信息内容本年制发件数本年废止件数现行有效件数", "信息内容本年处理决定数量", "信息内容本年处理决定数量",
                 "信息内容本年收费金额(单位:万元)"]}
ITEMS = {"2019": [("(一)", 2), ("(五)", 2), ("(六)", 2), ("(八)", 1), ("(九)", 1)],
         "2021": [("(一)", 2), ("(五)", 1), ("(六)", 2), ("(八)", 1)]}
APPS = [("一、本年新收政府信息公开申请数量", "new_requests"), ("二、上年结转政府信息公开申请数量", "carried_over"),
        ("三、本年度办理结果(一)予以公开", "granted"), ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted"),
        ("(三)不予公开1.属于国家秘密", "denied_state_secret"), ("2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
        ("3.危及“三安全一稳定”", "denied_security_stability"), ("4.保护第三方合法权益", "denied_third_party"),
        ("5.属于三类内部事务信息", "denied_internal_affairs"), ("6.属于四类过程性信息", "denied_process_info"),
        ("7.属于行政执法案卷", "denied_enforcement_file"), ("8.属于行政查询事项", "denied_inquiry"),
        ("(四)无法提供1.本机关不掌握相关政府信息", "unavailable_not_held"), ("2.没有现成信息需要另行制作", "unavailable_needs_creation"),
        ("3.补正后申请内容仍不明确", "unavailable_unclear"), ("(五)不予处理1.信访举报投诉类申请", "rejected_petition"),
        ("2.重复申请", "rejected_duplicate"), ("3.要求提供公开出版物", "rejected_publication"),
        ("4.无正当理由大量反复申请", "rejected_excessive"), ("5.要求行政机关确认或重新出具已获取信息", "rejected_confirmation")]
OTHER = {"2019": [("(六)其他处理", "other")],
         "2021": [("(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
                  ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_unpaid_fee"),
                  ("3.其他", "other_misc")]}
CLOSE = [("(七)总计", "outcome_total"), ("四、结转下年度继续办理", "carried_forward")]
COLS = ["natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
        "legal_service_org", "other_org", "total"]
REVIEW = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
RCOLS = ["upheld", "corrected", "other", "pending", "total"]


def written(v, kind):
    if v is None:
        return ""
    if kind == "change":
        return str(v) if v <= 0 else f"+{v}" if v else "0"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def number_ok(p, kind):
    body = p.lstrip("+-") if kind == "change" else p
    if kind != "change" and p[:1] in "+-":
        return False
    if kind == "change" and p[:1] == "+" and body == "0":
        return False
    if not body or body.count(".") > (1 if kind == "amount" else 0):
        return False
    if not body.replace(".", "").isdigit() or body.startswith(".") or body.endswith("."):
        return False
    int_part = body.split(".")[0]
    return not (len(int_part) > 1 and int_part.startswith("0"))


def value(p, kind):
    return float(p) if "." in p else int(p)


def cuts(run, kinds):
    if not kinds:
        return [[]] if run == "" else []
    out = []
    for i in range(1, len(run) + 1):
        p = run[:i]
        if number_ok(p, kinds[0]):
            for rest in cuts(run[i:], kinds[1:]):
                out.append([value(p, kinds[0])] + rest)
    return out


def kind_of(col):
    return "change" if col == "change" else "amount" if col == "amount" else "count"


def main():
    os.makedirs(OUT, exist_ok=True)
    for src in SOURCES:
        truth = json.load(open(os.path.join(ROOT, src + ".truth.json"), encoding="utf-8"))
        ed, cells = truth["edition"], truth["cells"]
        keep = dict(cells)
        lines = [f"{truth['organ']}{truth['year']}年政府信息公开工作年度报告", "一、总体情况",
                 "本报告的数据统计期限自{0}年1月1日起至{0}年12月31日止。".format(truth["year"]),
                 "二、主动公开政府信息情况"]
        rows = iter(ACTIVE[ed])
        for (item, n), head in zip(ITEMS[ed], HEAD[ed]):
            lines += [f"第二十条第{item}项", head]
            for _ in range(n):
                label, key, cols = next(rows)
                vals = [cells[f"active.{key}.{c}"] for c in cols]
                kinds = [kind_of(c) for c in cols]
                run = "".join(written(v, k) for v, k in zip(vals, kinds))
                lines.append(label + run)
                if len(cuts(run, kinds)) != 1 or None in vals:
                    for c in cols:
                        keep[f"active.{key}.{c}"] = None
        lines += ["三、收到和处理政府信息公开申请情况", "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况",
                  "自然人法人或其他组织总计", "商业企业科研机构社会公益组织法律服务机构其他"]
        app_rows = APPS + OTHER[ed] + CLOSE
        options = {}
        for label, key in app_rows:
            vals = [cells[f"applications.{key}.{c}"] for c in COLS]
            run = "".join(written(v, "count") for v in vals)
            lines.append(label + run)
            opts = [c for c in cuts(run, ["count"] * 7) if sum(c[:6]) == c[6]] if None not in vals else []
            options[key] = opts
        # joint readings under the column sums
        keys = [k for _, k in app_rows]
        open_keys = [k for k in keys if len(options[k]) > 1]
        outcome = [k for k in keys if k not in ("new_requests", "carried_over", "outcome_total", "carried_forward")]
        choices = [options[k] for k in open_keys]
        size = 1
        for c in choices:
            size *= len(c)
        if size > 2_000_000:
            sys.exit(f"{src}: too many joint readings to check ({size})")
        agree = {k: None for k in open_keys}
        for combo in itertools.product(*choices):
            pick = {k: (options[k][0] if len(options[k]) == 1 else None) for k in keys}
            pick.update(dict(zip(open_keys, combo)))
            ok = True
            for c in range(7):
                def v(k):
                    return None if pick[k] is None else pick[k][c]
                terms = [v(k) for k in outcome] + [v("outcome_total")]
                if None not in terms and sum(terms[:-1]) != terms[-1]:
                    ok = False
                bal = [v("new_requests"), v("carried_over"), v("outcome_total"), v("carried_forward")]
                if None not in bal and bal[0] + bal[1] != bal[2] + bal[3]:
                    ok = False
            if ok:
                for k, cut in zip(open_keys, combo):
                    agree[k] = cut if agree[k] in (None, cut) else "many"
        for k in keys:
            unique = len(options[k]) == 1 or (k in agree and agree[k] not in (None, "many"))
            if not unique:
                for c in COLS:
                    keep[f"applications.{k}.{c}"] = None
        lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议行政诉讼",
                  "结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉",
                  "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"]
        vals = [cells[f"review_litigation.{r}.{c}"] for r in REVIEW for c in RCOLS]
        run = "".join(written(v, "count") for v in vals)
        lines.append(run)
        readings = [c for c in cuts(run, ["count"] * 15)
                    if all(sum(c[g * 5:g * 5 + 4]) == c[g * 5 + 4] for g in range(3))] if None not in vals else []
        if len(readings) != 1:
            for r in REVIEW:
                for c in RCOLS:
                    keep[f"review_litigation.{r}.{c}"] = None
        lines += ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。", ""]
        name = "crawler_" + os.path.basename(src)
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        out = {k: truth[k] for k in ("edition", "year", "organ")}
        out.update(source=name + ".txt", layout="crawler text: every table row's cells run together",
                   complete=True, cells=keep)
        with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write("\n")
        blank = sum(1 for k in cells if cells[k] is not None and keep[k] is None)
        print(f"{name}: {blank} figures cannot be read with certainty")


if __name__ == "__main__":
    main()
