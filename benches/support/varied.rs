//! Forms that raise every finding of the 2023 policy: form `i` of the corpus
//! ([`super::corpus_form`]), altered by case `i % CASES` (and a variant, `i / CASES`),
//! deterministically. The agreement check of `benches/ratios.rs` runs perfeval and the
//! whole-policy scorer ([`super::policy`]) on them.
//!
//! Where a case declares self scores "right", they are the whole-policy scorer's scores:
//! should one be wrong, perfeval raises a `score-mismatch` the scorer does not, and the
//! agreement check counts the form.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};

/// How many cases [`varied_form`] cycles through.
pub const CASES: usize = 20;

/// A form cut into its head (project, budget, funds), its indicator rows (each the lines
/// after `[[indicators]]`) and a tail (what follows the rows).
struct Draft {
    head: String,
    rows: Vec<String>,
    tail: String,
}

const ROW: &str = "\n[[indicators]]\n";

impl Draft {
    fn of(text: &str) -> Self {
        let mut parts = text.split(ROW);
        let head = parts.next().unwrap_or("").to_owned();
        Draft {
            head,
            rows: parts.map(str::to_owned).collect(),
            tail: String::new(),
        }
    }

    fn text(&self) -> String {
        let mut out = self.head.clone();
        for row in &self.rows {
            out.push_str(ROW);
            out.push_str(row);
        }
        out.push_str(&self.tail);
        out
    }

    /// The row named `name`.
    fn row(&mut self, name: &str) -> &mut String {
        let quoted = format!("name = \"{name}\"\n");
        self.rows.iter_mut().find(|r| r.contains(&quoted)).unwrap()
    }

    fn index(&self, name: &str) -> usize {
        let quoted = format!("name = \"{name}\"\n");
        self.rows.iter().position(|r| r.contains(&quoted)).unwrap()
    }

    /// The number of the project's own rows (`指标0`, `指标1`, …).
    fn own(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.contains("name = \"指标"))
            .count()
    }

    /// A number of the head: the value of `key` in `[section]`.
    fn number(&self, section: &str, key: &str) -> Decimal {
        let start = self.head.find(&format!("[{section}]\n")).unwrap();
        let line = format!("\n{key} = ");
        let at = start + self.head[start..].find(&line).unwrap() + line.len();
        let end = at + self.head[at..].find('\n').unwrap();
        self.head[at..end].parse().unwrap()
    }

    /// Sets `key` of `[section]` in the head.
    fn set_head(&mut self, section: &str, key: &str, value: &str) {
        let start = self.head.find(&format!("[{section}]\n")).unwrap();
        let end = self.head[start + 1..]
            .find("\n[")
            .map_or(self.head.len(), |e| start + 1 + e);
        let mut table = self.head[start..end].to_owned();
        set(&mut table, key, value);
        self.head.replace_range(start..end, &table);
    }
}

/// The value of `key` on its line in `block`.
fn get<'b>(block: &'b str, key: &str) -> Option<&'b str> {
    let line = format!("{key} = ");
    let at = block
        .match_indices(&line)
        .find(|(i, _)| *i == 0 || block.as_bytes()[i - 1] == b'\n')?
        .0
        + line.len();
    let end = at + block[at..].find('\n').unwrap_or(block.len() - at);
    Some(&block[at..end])
}

/// Sets `key` to `value` (TOML) in `block`: its line replaced, or added at the end.
fn set(block: &mut String, key: &str, value: &str) {
    remove(block, key);
    if !block.ends_with('\n') {
        block.push('\n');
    }
    let _ = writeln!(block, "{key} = {value}");
}

/// Removes `key`'s line from `block`.
fn remove(block: &mut String, key: &str) {
    let line = format!("{key} = ");
    if let Some((at, _)) = block
        .match_indices(&line)
        .find(|(i, _)| *i == 0 || block.as_bytes()[i - 1] == b'\n')
    {
        let end = at + block[at..].find('\n').map_or(block.len() - at, |e| e + 1);
        block.replace_range(at..end, "");
    }
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

/// Folds ASCII to full width, as Chinese input methods type it.
fn wide(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// 100 × paid / appropriated rounded half away from zero to `dp` decimals.
fn rate(d: &Draft, dp: u32) -> Decimal {
    let paid = d.number("funds", "paid");
    let appropriated = d.number("funds", "appropriated");
    (paid * Decimal::ONE_HUNDRED / appropriated)
        .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Declares each row's self score (the whole-policy scorer's; the row `wrong` off by
/// 0.01) and, when `total` says so, the `[self_evaluation] total`: the sum of the
/// declared scores plus `total_off`.
fn declare(d: &mut Draft, wrong: Option<usize>, total: Option<Decimal>) {
    let scored = super::policy::score(&super::read(&d.text()));
    let mut sum = Decimal::ZERO;
    for (k, (row, s)) in d.rows.iter_mut().zip(&scored.rows).enumerate() {
        let mut value = match s.expected_weight {
            Some(_) => s.score,
            // A row the policy does not know: whatever the form says it earned.
            None => Decimal::ONE,
        };
        if Some(k) == wrong {
            value += Decimal::new(1, 2);
        }
        sum += value;
        set(row, "self_score", &value.to_string());
    }
    if let Some(off) = total {
        let _ = write!(d.tail, "\n[self_evaluation]\ntotal = {}\n", sum + off);
    }
}

/// Form `i` of the corpus, altered by case `i % CASES` so that every finding of the
/// policy is raised by some case (and the same text never differs between runs).
pub fn varied_form(i: usize) -> String {
    let mut d = Draft::of(&super::corpus_form(i));
    let v = i / CASES;
    let own = d.own();
    let last = format!("指标{}", own - 1);
    match i % CASES {
        // The form as the corpus writes it.
        0 => {}
        // weight-mismatch: a common weight, the residual's carrier, or the residual moved
        // to the last indicator (valid: the carrier is the one that declares it).
        1 => {
            let carrier = get(d.row("指标0"), "weight").unwrap().to_owned();
            let share = get(d.row("指标1"), "weight").unwrap().to_owned();
            match v % 3 {
                0 => set(d.row("资金到位率"), "weight", "2"),
                1 => set(d.row("指标0"), "weight", &share),
                _ => {
                    set(d.row("指标0"), "weight", &share);
                    set(d.row(&last), "weight", &carrier);
                }
            }
        }
        // Self scores all right, the total right (with data as of the cutoff, or none).
        2 => {
            if v % 2 == 1 {
                d.set_head("project", "data_as_of", "2023-12-31");
            }
            declare(&mut d, None, Some(Decimal::ZERO));
        }
        // score-mismatch: one self score wrong, the total the sum of those declared.
        3 => {
            let wrong = if v.is_multiple_of(2) {
                d.index("预算执行率")
            } else {
                d.index(&last)
            };
            declare(&mut d, Some(wrong), Some(Decimal::ZERO));
        }
        // total-mismatch: the total off by one; or a total and no self scores (0 is
        // right then).
        4 => match v % 3 {
            0 => declare(&mut d, None, Some(Decimal::ONE)),
            1 => d.tail.push_str("\n[self_evaluation]\ntotal = 80\n"),
            _ => d.tail.push_str("\n[self_evaluation]\ntotal = 0\n"),
        },
        // stale-data, on the cutoff, after-cutoff.
        5 => {
            let date = ["2023-11-30", "2023-12-31", "2024-01-15"][v % 3];
            d.set_head("project", "data_as_of", date);
        }
        // An indicator's as_of after the cutoff (with or without an explanation, which
        // does not matter then), or before it.
        6 => match v % 4 {
            0 => set(d.row("预算执行率"), "as_of", "2024-01-10"),
            1 => {
                let row = d.row("指标1");
                set(row, "as_of", "2024-03-01");
                set(row, "explanation", &quoted("统计口径调整"));
            }
            2 => set(d.row(&last), "as_of", "2023-12-15"),
            _ => set(d.row("资金到位率"), "as_of", "2023-12-31"),
        },
        // wrong-year.
        7 => d.set_head(
            "project",
            "year",
            if v.is_multiple_of(2) { "2022" } else { "2024" },
        ),
        // Subprojects that add up, and that do not.
        8 => {
            let budget = d.number("budget", "initial") + d.number("budget", "adjustment");
            let paid = d.number("funds", "paid");
            let third = |x: Decimal| (x / Decimal::from(3)).round_dp(2);
            let (b1, a1) = (third(budget), third(paid));
            let (mut b2, mut a2) = (budget - b1, paid - a1);
            match v % 3 {
                0 => {}
                1 => b2 += Decimal::ONE,
                _ => a2 -= Decimal::new(1, 2),
            }
            let _ = write!(
                d.head,
                "\n[[subprojects]]\nname = \"子项一\"\nbudget = {b1}\nactual = {a1}\n\n\
                 [[subprojects]]\nname = \"子项二\"\nbudget = {b2}\nactual = {a2}\n"
            );
        }
        // A missing actual in each way a form writes it, with and without explanation.
        9 => {
            let row = d.row("指标1");
            match v % 6 {
                0 => set(row, "actual", "\"-\""),
                1 => set(row, "actual", "\"无\""),
                2 => set(row, "actual", "\"\""),
                3 => set(row, "actual", "\"—\""),
                4 => set(row, "actual", "\" / \""),
                _ => remove(row, "actual"),
            }
            if (v / 6) % 2 == 1 {
                set(row, "explanation", &quoted("数据尚未统计"));
            }
        }
        // unknown-category: a label the policy does not know, on one of the project's
        // own rows (the others' shares change) or on a row added.
        10 => {
            if v.is_multiple_of(2) {
                set(d.row("指标1"), "category", &quoted("其他目标"));
            } else {
                d.rows.push(
                    "category = \"社会效益\"\nname = \"其他\"\ntarget = \"提升\"\nweight = 1\nactual = \"提升\"\n"
                        .to_owned(),
                );
            }
        }
        // unknown-indicator: a 过程 row renamed (and so missing-indicator), one put in
        // 决策, or a 决策 row added.
        11 => {
            if v.is_multiple_of(3) {
                set(d.row("资金使用合规性"), "name", &quoted("资金使用规范性"));
            } else if v % 3 == 1 {
                set(d.row("资金到位率"), "category", &quoted("决策目标"));
            } else {
                d.rows.insert(
                    3,
                    "category = \"决策指标\"\nname = \"项目可行性\"\ntarget = \"充分\"\nweight = 1\nactual = \"充分\"\n"
                        .to_owned(),
                );
            }
        }
        // missing-indicator: a common indicator left out.
        12 => {
            let name = if v.is_multiple_of(2) {
                "管理制度健全性"
            } else {
                "立项依据充分性"
            };
            let k = d.index(name);
            d.rows.remove(k);
        }
        // execution-rate: 预算执行率 written wrong, with one decimal right and wrong, or
        // with two decimals and no unit.
        13 => {
            let actual = match v % 4 {
                0 => format!("{}%", rate(&d, 0) + Decimal::ONE),
                1 => format!("{}%", rate(&d, 1)),
                2 => format!("{}%", rate(&d, 1) - Decimal::new(1, 1)),
                _ => {
                    set(d.row("预算执行率"), "target", "\"=100\"");
                    rate(&d, 2).to_string()
                }
            };
            set(d.row("预算执行率"), "actual", &quoted(&actual));
        }
        // The budget and the funds broken, each check in turn.
        14 => match v % 6 {
            0 => d.set_head("budget", "unallocated", "1"),
            1 => d.set_head("budget", "adjustment", "5"),
            2 => {
                let balance = d.number("funds", "balance") + Decimal::ONE;
                d.set_head("funds", "balance", &balance.to_string());
            }
            3 => d.set_head("funds", "recovered", "1"),
            4 => {
                let appropriated = d.number("funds", "appropriated") + Decimal::ONE;
                d.set_head("funds", "appropriated", &appropriated.to_string());
            }
            // No appropriation: the execution rate is not checked.
            _ => d.set_head("funds", "appropriated", "0"),
        },
        // Actual values the policy cannot score (another unit, no number, no grade, a
        // number against a word), and ones it reads in less common ways: a comparator
        // copied in symbols or words, full-width digits, no unit, the rarer grades, an
        // actual equal to a target that is itself a grade.
        15 => {
            const CHANGES: [(&str, Option<&str>, &str); 16] = [
                ("资金到位率", None, "100个"),
                ("资金到位率", None, "已到位"),
                ("资金使用合规性", None, "优秀"),
                ("资金使用合规性", None, "100%"),
                ("资金到位率", None, "≥100%"),
                ("资金到位率", None, "99.5%及以上"),
                ("资金到位率", None, "９９．５％"),
                ("资金到位率", None, "97"),
                ("资金使用合规性", None, "较差"),
                ("制度执行有效性", None, "差"),
                ("管理制度健全性", None, "好"),
                ("管理制度健全性", Some("较好"), "较好"),
                ("预算执行率", None, "已完成"),
                ("预算执行率", None, "-"),
                ("预算执行率", None, "102个"),
                ("资金到位率", Some("不低于95%"), "96%以上"),
            ];
            let (name, target, actual) = CHANGES[v % CHANGES.len()];
            let row = d.row(name);
            if let Some(target) = target {
                set(row, "target", &quoted(target));
            }
            set(row, "actual", &quoted(actual));
        }
        // Comparators in words, full-width forms, spaces, labels written otherwise.
        16 => {
            for k in 0..own {
                let row = d.row(&format!("指标{k}"));
                let target = get(row, "target").unwrap().trim_matches('"').to_owned();
                let actual = get(row, "actual").unwrap().trim_matches('"').to_owned();
                let written = if let Some(n) = target.strip_prefix(">=") {
                    let n = n.trim_end_matches('%');
                    [format!("不低于{n}%"), format!("{n}%及以上"), wide(&target)][(v + k) % 3]
                        .clone()
                } else if let Some(n) = target.strip_prefix("<=") {
                    let n = n.trim_end_matches("小时");
                    [
                        format!("不超过{n}小时"),
                        format!("{n}小时及其以下"),
                        format!("≤ {n} 小时"),
                    ][(v + k) % 3]
                        .clone()
                } else if let Some(n) = target.strip_prefix('=') {
                    [target[1..].to_owned(), wide(&target), format!("至少{n}")][(v + k) % 3].clone()
                } else {
                    format!(" {target} ")
                };
                set(row, "target", &quoted(&written));
                if k % 2 == 1 {
                    set(row, "actual", &quoted(&wide(&actual)));
                }
                let category = get(row, "category").unwrap().trim_matches('"').to_owned();
                let label = match (category.as_str(), v % 2) {
                    ("效益目标", 0) => "效果指标".to_owned(),
                    ("效益目标", _) => "效果".to_owned(),
                    (c, 0) => c.replace("目标", "指标"),
                    (c, _) => format!(" {} ", c.trim_end_matches("目标")),
                };
                set(row, "category", &quoted(&label));
            }
            set(d.row("预算执行率"), "name", &quoted("预算 执行率"));
            set(d.row("资金使用合规性"), "actual", &quoted("较　好"));
        }
        // duplicate-indicator: a common indicator written twice.
        17 => {
            let k = d.index("资金到位率");
            let copy = d.rows[k].clone();
            d.rows.insert(k + 1, copy);
            if v % 2 == 1 {
                declare(&mut d, None, Some(Decimal::ZERO));
            }
        }
        // Completions below, in and above the bands, at their edges, and ones that do not
        // end as a decimal.
        18 => {
            const PAIRS: [(&str, &str); 14] = [
                ("=10个", "14个"),
                ("=10个", "13个"),
                ("=10个", "25个"),
                ("=10个", "9.5个"),
                ("=10个", "7个"),
                ("=10个", "8个"),
                ("<=5小时", "6小时"),
                ("<=5小时", "0小时"),
                ("<6小时", "7小时"),
                ("=0个", "3个"),
                (">8.5%", "9%"),
                ("=3个", "7个"),
                ("≥90%", "85.5%"),
                ("<=7天", "9天"),
            ];
            let (target, actual) = PAIRS[v % PAIRS.len()];
            let row = d.row("指标1");
            set(row, "target", &quoted(target));
            set(row, "actual", &quoted(actual));
            let (target, actual) = PAIRS[(v + 5) % PAIRS.len()];
            let row = d.row(&last);
            set(row, "target", &quoted(target));
            set(row, "actual", &quoted(actual));
        }
        // Several at once, self scores and total declared with one of each wrong.
        _ => {
            d.set_head("project", "data_as_of", "2024-01-02");
            let row = d.row("指标1");
            set(row, "actual", "\"无\"");
            set(row, "explanation", &quoted("项目尚未验收"));
            set(d.row(&last), "category", &quoted("产出类"));
            let wrong_rate = quoted(&format!("{}%", rate(&d, 1) + Decimal::ONE));
            set(d.row("预算执行率"), "actual", &wrong_rate);
            let wrong = d.index("指标0");
            declare(&mut d, Some(wrong), Some(Decimal::new(-5, 1)));
        }
    }
    d.text()
}
