//! One person on the roster ([`MemberRecord`]) and the attributes that classify them
//! ([`Education`], [`Category`], [`Gender`]).
//!
//! ```
//! use dangjian::member::{Category, Education, MemberRecord};
//! let json = r#"{"id": "M7", "name": "孙丽", "gender": "female", "birth_date": "1988-09-12",
//!                "education": "bachelor", "category": "in_service", "home_unit": "区教育局"}"#;
//! let m: MemberRecord = serde_json::from_str(json)?;
//! assert_eq!((m.education, m.category), (Education::Bachelor, Category::InService));
//! assert_eq!(m.age_on("2026-10-31".parse()?), 38);
//! assert_eq!(m.masked().name, "孙*");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::privacy::{IdNumber, PersonName, Phone};

/// Gender (性别): defined with the ID number that encodes it ([`crate::privacy::Gender`]).
pub use crate::privacy::Gender;

/// The stable, user-facing identifier of a member (e.g. `"M0001"`). Not personal data.
///
/// # Examples
///
/// ```
/// use dangjian::member::MemberId;
/// let reg = dangjian::Registry::sample_small();
/// let ids: Vec<&MemberId> = reg.members().iter().map(|m| &m.id).collect();
/// assert_eq!(ids, ["M1", "M2", "M3", "M4"]);
/// ```
pub type MemberId = CompactString;

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
/// Highest education (学历).
///
/// # Examples
///
/// ```
/// use dangjian::member::Education;
/// let e: Education = serde_json::from_str(r#""junior_college""#)?;
/// assert_eq!((e, e.label()), (Education::JuniorCollege, "大专"));
/// assert_eq!(Education::default(), Education::Unknown);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// Not recorded.
    #[default]
    Unknown,
    /// 小学及以下
    Primary,
    /// 初中
    JuniorMiddle,
    /// 高中、中专、中技
    SeniorMiddle,
    /// 大专
    JuniorCollege,
    /// 大学本科
    Bachelor,
    /// 研究生（硕士、博士）
    Postgraduate,
}

impl Education {
    /// Every level, lowest first.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Education;
    /// let labels: Vec<&str> = Education::ALL.iter().map(|e| e.label()).collect();
    /// assert_eq!(labels, ["未知", "小学及以下", "初中", "高中/中专", "大专", "本科", "研究生"]);
    /// ```
    pub const ALL: [Education; 7] = [
        Education::Unknown,
        Education::Primary,
        Education::JuniorMiddle,
        Education::SeniorMiddle,
        Education::JuniorCollege,
        Education::Bachelor,
        Education::Postgraduate,
    ];

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Education;
    /// assert_eq!(Education::Postgraduate.label(), "研究生");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Education::Unknown => "未知",
            Education::Primary => "小学及以下",
            Education::JuniorMiddle => "初中",
            Education::SeniorMiddle => "高中/中专",
            Education::JuniorCollege => "大专",
            Education::Bachelor => "本科",
            Education::Postgraduate => "研究生",
        }
    }

    /// Whether this is college (大专) or above, the usual statistic.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Education;
    /// assert!(Education::JuniorCollege.is_college_or_above());
    /// assert!(!Education::SeniorMiddle.is_college_or_above());
    /// assert!(!Education::Unknown.is_college_or_above());
    /// ```
    pub fn is_college_or_above(self) -> bool {
        self >= Education::JuniorCollege
    }

    /// Parses the common roster spellings.
    ///
    /// ```
    /// use dangjian::member::Education;
    /// assert_eq!(Education::parse("大学本科"), Some(Education::Bachelor));
    /// assert_eq!(Education::parse("中专"), Some(Education::SeniorMiddle));
    /// assert_eq!(Education::parse("硕士"), Some(Education::Postgraduate));
    /// ```
    pub fn parse(s: &str) -> Option<Education> {
        let s = s.trim();
        Some(match s {
            "" | "未知" | "unknown" => Education::Unknown,
            "小学" | "小学及以下" | "文盲" | "primary" => Education::Primary,
            "初中" | "junior_middle" => Education::JuniorMiddle,
            "高中" | "中专" | "中技" | "职高" | "高中/中专" | "senior_middle" => {
                Education::SeniorMiddle
            }
            "大专" | "专科" | "junior_college" => Education::JuniorCollege,
            "本科" | "大学本科" | "大学" | "bachelor" => Education::Bachelor,
            "研究生" | "硕士" | "博士" | "硕士研究生" | "博士研究生" | "postgraduate" => {
                Education::Postgraduate
            }
            _ => return None,
        })
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
/// The member's category (人员类别), which decides dues rules and reporting.
///
/// `Floating` is an incoming floating member managed here (流入, e.g. 来沪党员); a member of this
/// community who lives away is marked by the `floated_out` event instead, whatever the category.
///
/// # Examples
///
/// ```
/// use dangjian::member::Category;
/// let c: Category = serde_json::from_str(r#""in_service""#)?;
/// assert_eq!((c, c.label()), (Category::InService, "在职报到"));
/// assert_eq!(Category::parse("离退休"), Some(Category::Retired));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 社区居民党员
    #[default]
    Resident,
    /// 离退休党员
    Retired,
    /// 在职党员到社区报到 (relationship stays with the home unit)
    InService,
    /// 流动党员 (incoming)
    Floating,
    /// 学生党员
    Student,
    /// 农民党员
    Farmer,
    /// 无固定收入、失业或享受低保的党员
    Unemployed,
}

impl Category {
    /// Every category.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Category;
    /// assert_eq!(Category::ALL.len(), 7);
    /// assert!(Category::ALL.iter().all(|c| Category::parse(c.label()) == Some(*c)));
    /// ```
    pub const ALL: [Category; 7] = [
        Category::Resident,
        Category::Retired,
        Category::InService,
        Category::Floating,
        Category::Student,
        Category::Farmer,
        Category::Unemployed,
    ];

    /// Chinese label.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::Category;
    /// assert_eq!(Category::Floating.label(), "流动");
    /// assert_eq!(Category::Unemployed.label(), "无固定收入");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Category::Resident => "社区居民",
            Category::Retired => "离退休",
            Category::InService => "在职报到",
            Category::Floating => "流动",
            Category::Student => "学生",
            Category::Farmer => "农民",
            Category::Unemployed => "无固定收入",
        }
    }

    /// Parses a Chinese label or the snake_case identifier.
    ///
    /// ```
    /// use dangjian::member::Category;
    /// assert_eq!(Category::parse("离退休"), Some(Category::Retired));
    /// assert_eq!(Category::parse("in_service"), Some(Category::InService));
    /// ```
    pub fn parse(s: &str) -> Option<Category> {
        let s = s.trim();
        match s {
            "" | "居民" | "社区居民" | "resident" => Some(Category::Resident),
            "退休" | "离休" | "离退休" | "retired" => Some(Category::Retired),
            "在职" | "在职报到" | "在职党员" | "in_service" => Some(Category::InService),
            "流动" | "流动党员" | "流入" | "floating" => Some(Category::Floating),
            "学生" | "student" => Some(Category::Student),
            "农民" | "farmer" => Some(Category::Farmer),
            "无固定收入" | "失业" | "低保" | "unemployed" => Some(Category::Unemployed),
            _ => None,
        }
    }
}

/// One person on the roster (花名册): applicants and members alike. Static attributes only;
/// everything that changes over time is an event.
///
/// `Debug` masks the name, ID number and phone.
///
/// ```
/// use dangjian::member::{Gender, MemberRecord};
/// let m = MemberRecord::new("M1", "李四", Gender::Male, "1980-05-01".parse().unwrap()).unwrap();
/// assert!(!format!("{m:?}").contains("李四"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRecord {
    /// Stable identifier, unique in the dataset.
    #[schemars(with = "String")]
    pub id: MemberId,
    /// Name (姓名).
    pub name: PersonName,
    /// Gender (性别).
    pub gender: Gender,
    /// Birth date (出生日期).
    pub birth_date: NaiveDate,
    /// Ethnicity (民族), e.g. `汉族`; empty when not recorded.
    #[serde(default, skip_serializing_if = "CompactString::is_empty")]
    #[schemars(with = "String")]
    pub ethnicity: CompactString,
    /// Highest education (学历).
    #[serde(default, skip_serializing_if = "is_default")]
    pub education: Education,
    /// Category when first recorded; later changes are `category_changed` events.
    #[serde(default, skip_serializing_if = "is_default")]
    pub category: Category,
    /// Home unit (驻区单位 / 共建单位) of an in-service member, when first recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub home_unit: Option<CompactString>,
    /// Resident ID number (公民身份号码), validated and masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<IdNumber>,
    /// Phone (联系电话), masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// Skills and specialties (党员所长), used to match members to posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<String>")]
    pub skills: Vec<CompactString>,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// What may be shown of a person anywhere (a binding's `toJSON`, a log line): the id and the
/// name, ID number and phone masked (`张*`, `110***********002X`, `138****5678`).
///
/// # Examples
///
/// ```
/// use dangjian::member::{Gender, MemberRecord};
/// let mut m = MemberRecord::new("M1", "张建国", Gender::Male, "1950-03-02".parse()?)?;
/// m.phone = Some("13812345678".parse()?);
/// let shown = m.masked();
/// assert_eq!((shown.name.as_str(), shown.phone.as_deref()), ("张**", Some("138****5678")));
/// assert_eq!(serde_json::to_value(&shown)?["id"], "M1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MaskedMember {
    /// Member id.
    pub id: String,
    /// The name, masked (`张*`).
    pub name: String,
    /// The ID number, masked (`110***********002X`), if recorded.
    pub id_number: Option<String>,
    /// The phone, masked (`138****5678`), if recorded.
    pub phone: Option<String>,
}

impl MemberRecord {
    /// The record as it may be shown: the id, the name, ID number and phone masked.
    ///
    /// ```
    /// use dangjian::member::{Gender, MemberRecord};
    /// let m = MemberRecord::new("M1", "李四", Gender::Male, "1980-05-01".parse().unwrap()).unwrap();
    /// let v = m.masked();
    /// assert_eq!((v.id.as_str(), v.name.as_str()), ("M1", "李*"));
    /// assert_eq!(v.phone, None);
    /// ```
    pub fn masked(&self) -> MaskedMember {
        MaskedMember {
            id: self.id.to_string(),
            name: self.name.masked(),
            id_number: self.id_number.as_ref().map(|n| n.masked()),
            phone: self.phone.as_ref().map(|p| p.masked()),
        }
    }

    /// A record with the required fields; the rest empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use dangjian::member::{Category, Education, Gender, MemberRecord};
    /// let m = MemberRecord::new("M5", "周敏", Gender::Female, "1998-04-02".parse()?)?;
    /// assert_eq!((m.education, m.category, m.id_number), (Education::Unknown, Category::Resident, None));
    /// // A name must be a name: empty text is refused.
    /// assert!(MemberRecord::new("M6", "", Gender::Male, "1990-01-01".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        id: &str,
        name: &str,
        gender: Gender,
        birth_date: NaiveDate,
    ) -> Result<Self, crate::privacy::IdentityError> {
        Ok(MemberRecord {
            id: id.into(),
            name: PersonName::new(name)?,
            gender,
            birth_date,
            ethnicity: CompactString::default(),
            education: Education::Unknown,
            category: Category::Resident,
            home_unit: None,
            id_number: None,
            phone: None,
            skills: Vec::new(),
        })
    }

    /// Age in whole years on `date` (0 before the birth date).
    ///
    /// ```
    /// use dangjian::member::{Gender, MemberRecord};
    /// let m = MemberRecord::new("M1", "王五", Gender::Female, "2000-03-01".parse().unwrap()).unwrap();
    /// assert_eq!(m.age_on("2018-02-28".parse().unwrap()), 17);
    /// assert_eq!(m.age_on("2018-03-01".parse().unwrap()), 18);
    /// ```
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        date.years_since(self.birth_date).unwrap_or(0)
    }
}
