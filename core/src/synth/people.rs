//! Synthetic people: names, valid 18-digit ID numbers agreeing with birth date and gender,
//! phones, education and skills ([`SKILLS`]), drawn from the generator.
//!
//! ```
//! use dangjian::synth::{generate, SynthConfig};
//! let ds = generate(&SynthConfig::new(50, 3));
//! // Every synthetic person has a well-formed ID number and phone (masked when shown).
//! assert!(ds.members.iter().all(|m| m.id_number.is_some() && m.phone.is_some()));
//! ```

use chrono::{Datelike, NaiveDate};

use super::Rng;
use crate::member::{Category, Education, Gender, MemberRecord};
use crate::privacy::{IdNumber, PersonName, Phone};

const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];
const GIVEN: [&str; 48] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "文", "玉", "兰", "志", "春",
    "海", "林", "云", "波", "宁", "辉", "鹏", "丹", "凤", "翔", "福", "德", "安", "佳", "欣", "晨",
];
const ETHNICITIES: [&str; 6] = ["汉族", "汉族", "汉族", "土家族", "苗族", "侗族"];
/// Skills (党员所长) used for matching members to posts.
///
/// # Examples
///
/// ```
/// use dangjian::synth::SKILLS;
/// assert_eq!(SKILLS.len(), 12);
/// assert!(SKILLS.contains(&"调解"));
/// ```
pub const SKILLS: [&str; 12] = [
    "调解",
    "治安巡逻",
    "计生",
    "城管",
    "宣传",
    "家政",
    "政策宣讲",
    "双语",
    "就业指导",
    "医疗",
    "法律",
    "电脑",
];

/// A synthetic but well-formed person: name, valid 18-digit ID number (region 422827) agreeing
/// with birth date and gender, and a mobile phone.
pub(crate) fn person(
    rng: &mut Rng,
    id: &str,
    birth: NaiveDate,
    category: Category,
    home_unit: Option<&str>,
) -> MemberRecord {
    let gender = if rng.chance(45) {
        Gender::Female
    } else {
        Gender::Male
    };
    let mut name = String::new();
    name.push_str(rng.pick(&SURNAMES).copied().unwrap_or("王"));
    for _ in 0..rng.range(1, 2) {
        name.push_str(rng.pick(&GIVEN).copied().unwrap_or("明"));
    }
    let seq = rng.range(0, 99);
    let gender_digit = match gender {
        Gender::Male => 2 * rng.range(0, 4) + 1,
        Gender::Female => 2 * rng.range(0, 4),
    };
    let first17 = format!(
        "422827{:04}{:02}{:02}{:02}{}",
        birth.year(),
        birth.month(),
        birth.day(),
        seq,
        gender_digit
    );
    let id_number = IdNumber::check_char(&first17)
        .and_then(|c| format!("{first17}{c}").parse::<IdNumber>().ok());
    let phone = format!("13{}{:08}", rng.range(0, 9), rng.below(100_000_000))
        .parse::<Phone>()
        .ok();
    let education = match (2026 - birth.year(), rng.below(10)) {
        (..=40, 0..=5) => Education::Bachelor,
        (..=40, 6..=7) => Education::JuniorCollege,
        (..=40, 8) => Education::Postgraduate,
        (..=40, 9..) => Education::SeniorMiddle,
        (41..=60, 0..=2) => Education::JuniorCollege,
        (41..=60, 3..=6) => Education::SeniorMiddle,
        (41..=60, _) => Education::JuniorMiddle,
        (61.., 0..=1) => Education::SeniorMiddle,
        (61.., 3..=6) => Education::JuniorMiddle,
        (61.., 2) => Education::JuniorCollege,
        _ => Education::Primary,
    };
    let mut skills = Vec::new();
    for _ in 0..rng.range(0, 3) {
        if let Some(s) = rng.pick(&SKILLS) {
            if !skills.iter().any(|k: &compact_str::CompactString| k == s) {
                skills.push((*s).into());
            }
        }
    }
    MemberRecord {
        id: id.into(),
        name: PersonName::new(&name).unwrap_or_else(|_| PersonName::unknown()),
        gender,
        birth_date: birth,
        ethnicity: rng.pick(&ETHNICITIES).copied().unwrap_or("汉族").into(),
        education,
        category,
        home_unit: home_unit.map(Into::into),
        id_number,
        phone,
        skills,
    }
}

/// A birth date making someone `age` years old on `on` (between their birthdays).
pub(crate) fn birth_for_age(rng: &mut Rng, age: i32, on: NaiveDate) -> NaiveDate {
    let back = on
        .checked_sub_days(chrono::Days::new(rng.range(1, 364) as u64))
        .unwrap_or(on);
    NaiveDate::from_ymd_opt(back.year() - age, back.month(), back.day().min(28)).unwrap_or(on)
}
