//! Whole forms of the three rulesets the properties score: 2023 Suzhou, MoF 2020, the bands fixture.

use super::*;

// ── The 2023 Suzhou form ──────────────────────────────────────────────

/// The common indicators: category label, name, the target forms write, weight.
pub(super) const COMMON: [(&str, &str, &str, &str); 11] = [
    ("决策目标", "立项依据充分性", "充分", "1"),
    ("决策目标", "立项程序规范性", "规范", "1"),
    ("决策目标", "绩效指标明确性", "明确", "1"),
    ("决策目标", "绩效目标合理性", "合理", "1"),
    ("决策目标", "资金分配合理性", "合理", "1"),
    ("决策目标", "预算编制科学性", "科学", "1"),
    ("过程目标", "预算执行率", "=100%", "8"),
    ("过程目标", "资金到位率", "=100%", "1"),
    ("过程目标", "资金使用合规性", "合规", "4"),
    ("过程目标", "制度执行有效性", "有效", "4"),
    ("过程目标", "管理制度健全性", "健全", "2"),
];

/// 2023 labels of the own categories, and one no category has.
pub(super) const OWN_LABELS: [&str; 14] = [
    "产出目标",
    "产出指标",
    "产出",
    "效益目标",
    "效益指标",
    "效果",
    "效果指标",
    "满意度目标",
    "满意度指标",
    "投入目标",
    "投入",
    "产出 目标",
    "效益",
    "其他目标",
];

/// A common indicator row: mostly as the form prints it, sometimes with another target,
/// a label in other words or a name typed with a space.
pub(super) fn common_row(index: usize, extreme: bool) -> BoxedStrategy<Row> {
    let (label, name, target, weight) = COMMON[index];
    (
        row(
            Just(label.to_owned()).boxed(),
            Just(name.to_owned()).boxed(),
            extreme,
        ),
        sometimes(80),
        sometimes(70),
        0u8..20,
        select(&GRADE_WORDS[..5]),
    )
        .prop_map(move |(mut row, canonical, right_weight, variant, grade)| {
            if canonical {
                row.target = target.to_owned();
                if !target.starts_with('=') {
                    row.actual = Some(if variant < 10 {
                        target.to_owned()
                    } else {
                        grade.to_owned()
                    });
                }
            }
            if right_weight {
                row.weight = Some((weight.to_owned(), true));
            }
            match variant {
                0 => row.category = row.category.replace("目标", "指标"),
                1 => row.category = row.category.replace("目标", ""),
                2 => row.name = format!(" {name}"),
                3 => row.name = "绩效目标完成度".to_owned(),
                _ => {}
            }
            row
        })
        .boxed()
}

/// The common rows: each once most often, sometimes dropped or twice.
pub(super) fn common_rows(extreme: bool) -> BoxedStrategy<Vec<Row>> {
    let each: Vec<BoxedStrategy<Vec<Row>>> = (0..COMMON.len())
        .map(|i| {
            (0u8..20, common_row(i, extreme), common_row(i, extreme))
                .prop_map(|(times, a, b)| match times {
                    0 => vec![],
                    1 => vec![a, b],
                    _ => vec![a],
                })
                .boxed()
        })
        .collect();
    each.prop_map(|rows| rows.into_iter().flatten().collect())
        .boxed()
}

pub(super) fn own_rows(
    extreme: bool,
    labels: &'static [&'static str],
    max: usize,
) -> BoxedStrategy<Vec<Row>> {
    prop::collection::vec(row(one_of(labels), one_of(&OWN_NAMES), extreme), 1..=max).boxed()
}

/// The sum of the declared self scores, where they are exact decimals.
pub(super) fn sum_of_self_scores(rows: &[Row]) -> Option<String> {
    rows.iter()
        .filter_map(|r| r.self_score.as_ref())
        .try_fold(Decimal::ZERO, |sum, (s, _)| {
            sum.checked_add(Decimal::from_str_exact(s).ok()?)
        })
        .map(|d| d.to_string())
}

/// The rows in form order, sometimes shuffled.
pub(super) fn maybe_shuffled(rows: BoxedStrategy<Vec<Row>>) -> BoxedStrategy<Vec<Row>> {
    (rows, sometimes(15))
        .prop_flat_map(|(rows, shuffle)| {
            if shuffle {
                Just(rows).prop_shuffle().boxed()
            } else {
                Just(rows).boxed()
            }
        })
        .boxed()
}

pub(super) const SUZHOU_ROW_KEYS: [&str; 8] = [
    "category",
    "name",
    "target",
    "weight",
    "actual",
    "self_score",
    "explanation",
    "as_of",
];

/// Declares the weights a department would: the even share of 55 truncated to 0.01 on
/// every own row the ruleset knows, and the share plus what truncation leaves on the
/// one at `carrier` (规格 §1: the department chooses it).
pub(super) fn declare_shares(own: &mut [Row], carrier: usize) {
    let known: Vec<usize> = (0..own.len())
        .filter(|&i| own[i].category != "其他目标")
        .collect();
    let Ok(n) = i64::try_from(known.len()) else {
        return;
    };
    if n == 0 {
        return;
    }
    let share = (Decimal::from(55) / Decimal::from(n)).trunc_with_scale(2);
    let residual = Decimal::from(55) - share * Decimal::from(n);
    let carrier = known[carrier % known.len()];
    for &i in &known {
        let weight = if i == carrier {
            share + residual
        } else {
            share
        };
        own[i].weight = Some((weight.to_string(), true));
    }
}

/// A 2023 Suzhou form, its indicator rows apart so that tests can change them.
#[derive(Clone, Debug)]
pub(super) struct Suzhou {
    pub(super) head: Vec<(String, Node)>,
    pub(super) rows: Vec<Row>,
    pub(super) tail: Vec<(String, Node)>,
}

impl Suzhou {
    pub(super) fn form(&self) -> Form {
        let mut entries = self.head.clone();
        let rows = self.rows.iter().map(|r| r.node(&SUZHOU_ROW_KEYS)).collect();
        entries.push(("indicators".to_owned(), Node::List(rows)));
        entries.extend(self.tail.iter().cloned());
        Form(entries)
    }
}

pub(super) fn suzhou(extreme: bool) -> BoxedStrategy<Suzhou> {
    let project = (
        select(&["电子政务项目建设资金", "测试项目", "  "][..]),
        prop_oneof![8 => Just("2023"), 1 => Just("2022"), 1 => Just("2024")],
        any::<bool>(),
        prop::option::weighted(0.8, select(&DATES[..])),
    )
        .prop_map(|(name, year, bare, as_of)| {
            let mut fields = vec![
                ("name".to_owned(), text(name)),
                ("year".to_owned(), number(year, bare)),
                ("department".to_owned(), text("苏州市信息中心")),
            ];
            if let Some(d) = as_of {
                fields.push(("data_as_of".to_owned(), Node::Leaf(Lit::Date(d.to_owned()))));
            }
            Node::Map(fields)
        });
    let budget = amounts(extreme, 5).prop_map(|(mut v, consistent, bare)| {
        if consistent && let Some(u) = plus_minus(&v[0], &v[1], &v[2]) {
            v[3] = u;
        }
        amount_section(
            &[
                "initial",
                "adjustment",
                "appropriated",
                "unallocated",
                "unallocated_recovered",
            ],
            &v,
            bare,
        )
    });
    let funds = amounts(extreme, 5).prop_map(|(mut v, consistent, bare)| {
        if consistent {
            // balance = appropriated - paid = carried_forward + recovered
            if let Some(b) = plus_minus(&v[0], "0", &v[1]) {
                v[2] = b.clone();
                if let Some(r) = plus_minus(&b, "0", &v[3]) {
                    v[4] = r;
                }
            }
        }
        amount_section(
            &[
                "appropriated",
                "paid",
                "balance",
                "carried_forward",
                "recovered",
            ],
            &v,
            bare,
        )
    });
    let subprojects = prop::collection::vec(
        (decimal_text(extreme), decimal_text(extreme), any::<bool>()),
        0..=3,
    )
    .prop_map(|subs| {
        let rows: Vec<Node> = subs
            .iter()
            .enumerate()
            .map(|(i, (budget, actual, bare))| {
                Node::Map(vec![
                    ("name".to_owned(), text(&format!("子项{i}"))),
                    ("budget".to_owned(), number(budget, *bare)),
                    ("actual".to_owned(), number(actual, *bare)),
                ])
            })
            .collect();
        rows
    });
    let rows = maybe_shuffled(
        (
            common_rows(extreme),
            own_rows(extreme, &OWN_LABELS, 20),
            prop::option::weighted(0.5, any::<usize>()),
        )
            .prop_map(|(mut common, mut own, carrier)| {
                if let Some(carrier) = carrier {
                    declare_shares(&mut own, carrier);
                }
                common.extend(own);
                common
            })
            .boxed(),
    );
    let tail = (0u8..4, points_text(extreme), any::<bool>(), any::<bool>());
    (project, budget, funds, subprojects, rows, tail)
        .prop_map(|(project, budget, funds, subprojects, rows, tail)| {
            let mut head = vec![
                ("project".to_owned(), project),
                ("budget".to_owned(), budget),
                ("funds".to_owned(), funds),
            ];
            if !subprojects.is_empty() {
                head.push(("subprojects".to_owned(), Node::List(subprojects)));
            }
            let (kind, random_total, bare, narrative) = tail;
            let mut rest = Vec::new();
            let total = match kind {
                0 => None,
                1 => Some(vec![]),
                2 => Some(vec![("total".to_owned(), number(&random_total, bare))]),
                _ => {
                    sum_of_self_scores(&rows).map(|t| vec![("total".to_owned(), number(&t, bare))])
                }
            };
            if let Some(fields) = total {
                rest.push(("self_evaluation".to_owned(), Node::Map(fields)));
            }
            if narrative {
                rest.push((
                    "text".to_owned(),
                    Node::Map(vec![
                        ("overall_goal".to_owned(), text("建成市级政务云平台")),
                        ("problems".to_owned(), text("")),
                    ]),
                ));
            }
            Suzhou {
                head,
                rows,
                tail: rest,
            }
        })
        .boxed()
}

// ── The Ministry of Finance 2020 form ───────────────────────────────────

pub(super) const MOF_LABELS: [&str; 8] = [
    "产出指标",
    "产出",
    "效益指标",
    "效果",
    "效果指标",
    "满意度指标",
    "满意度",
    "成本指标",
];

pub(super) const MOF_ROW_KEYS: [&str; 9] = [
    "category",
    "subcategory",
    "name",
    "target",
    "actual",
    "weight",
    "self_score",
    "level",
    "explanation",
];

#[derive(Clone, Debug)]
pub(super) struct Mof {
    pub(super) head: Vec<(String, Node)>,
    pub(super) rows: Vec<Row>,
    pub(super) tail: Vec<(String, Node)>,
}

impl Mof {
    pub(super) fn form(&self) -> Form {
        let mut entries = self.head.clone();
        let rows = self.rows.iter().map(|r| r.node(&MOF_ROW_KEYS)).collect();
        entries.push(("indicators".to_owned(), Node::List(rows)));
        entries.extend(self.tail.iter().cloned());
        Form(entries)
    }
}

pub(super) fn mof(extreme: bool) -> BoxedStrategy<Mof> {
    let project = (
        prop_oneof![Just("2020"), Just("2021"), Just("2023"), Just("2019")],
        any::<bool>(),
        sometimes(50),
    )
        .prop_map(|(year, bare, implementer)| {
            let mut fields = vec![
                ("name".to_owned(), text("农村公路建设")),
                ("year".to_owned(), number(year, bare)),
                ("department".to_owned(), text("交通运输局")),
            ];
            if implementer {
                fields.push(("implementer".to_owned(), text("公路站")));
            }
            Node::Map(fields)
        });
    let funds = (
        amounts(extreme, 3),
        prop::collection::vec(
            (
                select(&["appropriation", "carryover", "other"][..]),
                amounts(extreme, 3),
            ),
            0..=2,
        ),
        sometimes(10),
    )
        .prop_map(|((v, _, bare), subs, zero)| {
            let mut v = v;
            if zero {
                v[1] = "0".to_owned();
            }
            let mut node = match amount_section(&["initial", "full_year", "executed"], &v, bare) {
                Node::Map(m) => m,
                _ => unreachable!(),
            };
            let mut seen = Vec::new();
            for (key, (v, _, bare)) in subs {
                if !seen.contains(&key) {
                    seen.push(key);
                    node.push((
                        key.to_owned(),
                        amount_section(&["initial", "full_year", "executed"], &v, bare),
                    ));
                }
            }
            Node::Map(node)
        });
    let rows = maybe_shuffled(own_rows(extreme, &MOF_LABELS, 15));
    let tail = (
        prop::option::weighted(0.5, points_text(extreme)),
        prop::option::weighted(0.5, points_text(extreme)),
        prop::option::weighted(0.5, select(&["优", "良", "中", "差", "好"][..])),
        any::<bool>(),
        sometimes(70),
    );
    (project, funds, rows, tail)
        .prop_map(
            |(project, funds, rows, (execution, total, grade, bare, present))| {
                let mut tail = Vec::new();
                if present {
                    let mut fields = Vec::new();
                    if let Some(e) = execution {
                        fields.push(("execution_score".to_owned(), number(&e, bare)));
                    }
                    if let Some(t) = total {
                        fields.push(("total".to_owned(), number(&t, bare)));
                    }
                    if let Some(g) = grade {
                        fields.push(("grade".to_owned(), text(g)));
                    }
                    tail.push(("self_evaluation".to_owned(), Node::Map(fields)));
                }
                Mof {
                    head: vec![("project".to_owned(), project), ("funds".to_owned(), funds)],
                    rows,
                    tail,
                }
            },
        )
        .boxed()
}

/// The rows with each category's declared weights brought within its pool's points
/// (产出 50, 效益 30 or 40, 满意度 10), as a department that adds them up declares them:
/// a form whose declared weights pass the points can total more than 100, which the
/// engine refuses to score (a property of its own, below), so the other properties do
/// not see it.
pub(super) fn within_pools(mut rows: Vec<Row>) -> Vec<Row> {
    let canonical = |label: &str| match label {
        "产出指标" | "产出" => Some("产出"),
        "效益指标" | "效果" | "效果指标" => Some("效益"),
        "满意度指标" | "满意度" => Some("满意度"),
        _ => None,
    };
    let satisfaction = rows
        .iter()
        .any(|r| canonical(&r.category) == Some("满意度"));
    for (category, points) in [
        ("产出", 50),
        ("效益", if satisfaction { 30 } else { 40 }),
        ("满意度", 10),
    ] {
        let weight = |r: &Row| {
            r.weight
                .as_ref()
                .and_then(|(w, _)| Decimal::from_str_exact(w).ok())
                .unwrap_or_default()
        };
        let members = |r: &&mut Row| canonical(&r.category) == Some(category);
        let sum = rows
            .iter_mut()
            .filter(members)
            .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(weight(r)));
        if sum.is_none_or(|sum| sum > Decimal::from(points)) {
            for row in rows.iter_mut().filter(members) {
                row.weight = Some(("0.5".to_owned(), true));
            }
        }
    }
    rows
}

// ── The bands fixture's form ──────────────────────────────────────────

pub(super) const BANDS_ROW_KEYS: [&str; 4] = ["category", "name", "target", "actual"];

pub(super) fn bands_rows(extreme: bool) -> BoxedStrategy<Vec<Row>> {
    own_rows(extreme, &["产出", "效益", "产出", "效益", "其他"], 6)
}

pub(super) fn bands_form(rows: &[Row]) -> Form {
    let rows = rows.iter().map(|r| r.node(&BANDS_ROW_KEYS)).collect();
    Form(vec![("indicators".to_owned(), Node::List(rows))])
}

/// A generated form for each of the three rulesets.
#[derive(Clone, Debug)]
pub(super) enum Any {
    Suzhou(Suzhou),
    Mof(Mof),
    Bands(Vec<Row>),
}

impl Any {
    pub(super) fn plan(&self) -> &'static Plan {
        match self {
            Any::Suzhou(_) => &SUZHOU,
            Any::Mof(_) => &MOF,
            Any::Bands(_) => &BANDS,
        }
    }

    pub(super) fn plan_again(&self) -> &'static Plan {
        let again = &*AGAIN;
        match self {
            Any::Suzhou(_) => &again[0],
            Any::Mof(_) => &again[1],
            Any::Bands(_) => &again[2],
        }
    }

    pub(super) fn path(&self) -> &'static str {
        match self {
            Any::Suzhou(_) => "rulesets/2023.rules",
            Any::Mof(_) => "rulesets/mof-2020.rules",
            Any::Bands(_) => "tests/fixtures/eval/bands.rules",
        }
    }

    pub(super) fn form(&self) -> Form {
        match self {
            Any::Suzhou(s) => s.form(),
            Any::Mof(m) => m.form(),
            Any::Bands(rows) => bands_form(rows),
        }
    }
}

pub(super) fn any_form(extreme: bool) -> BoxedStrategy<Any> {
    prop_oneof![
        2 => suzhou(extreme).prop_map(Any::Suzhou),
        1 => mof(extreme).prop_map(|m| Any::Mof(Mof { rows: within_pools(m.rows), ..m })),
        1 => bands_rows(extreme).prop_map(Any::Bands),
    ]
    .boxed()
}
