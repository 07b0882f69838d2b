//! Properties of the calendar (`dangjian::calendar`): every label it prints it reads back, the
//! month, quarter and year labels and dates share one grammar, and month bounds tile the year.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Datelike, NaiveDate};
use dangjian::calendar::{month_bounds, parse_date, Month, Period, PeriodKind};
use proptest::prelude::*;

fn kind() -> impl Strategy<Value = PeriodKind> {
    prop_oneof![
        Just(PeriodKind::Month),
        Just(PeriodKind::Quarter),
        Just(PeriodKind::Year)
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    let lo = dangjian::limits::MIN_DATE.num_days_from_ce();
    let hi = dangjian::limits::MAX_DATE.num_days_from_ce();
    (lo..=hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

proptest! {
    #[test]
    fn periods_read_back_what_they_print(k in kind(), d in date()) {
        let p = Period::containing(k, d);
        prop_assert!(p.contains(d));
        prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        prop_assert_eq!(p.to_string().replace('-', "/").parse::<Period>().unwrap(), p);
        prop_assert_eq!(p.next().prev(), p);
        prop_assert_eq!(p.last_day().succ_opt().unwrap(), p.end());
        prop_assert_eq!(p.start().month0() % k.months(), 0);
    }

    #[test]
    fn months_and_monthly_periods_agree(d in date()) {
        let m = Month::of(d);
        let label = m.to_string();
        let p: Period = label.parse().unwrap();
        prop_assert_eq!(p, Period::from(m));
        prop_assert_eq!(label.parse::<Month>().unwrap(), m);
        prop_assert_eq!((p.start(), p.last_day()), (m.first_day(), m.last_day()));
        prop_assert_eq!(month_bounds(m.year(), m.month()), Some((m.first_day(), m.last_day())));
        // A month written with one digit reads the same.
        let short = format!("{}-{}", m.year(), m.month());
        prop_assert_eq!(short.parse::<Month>().unwrap(), m);
        prop_assert_eq!(short.parse::<Period>().unwrap(), p);
    }

    #[test]
    fn dates_read_in_both_spellings(d in date()) {
        let dash = d.to_string();
        let slash = format!("{}/{}/{}", d.year(), d.month(), d.day());
        prop_assert_eq!(parse_date(&dash).unwrap(), d);
        prop_assert_eq!(parse_date(&slash).unwrap(), d);
        // A date is not a period and a period is not a date.
        prop_assert!(dash.parse::<Period>().is_err());
        prop_assert!(parse_date(&Month::of(d).to_string()).is_err());
    }

    #[test]
    fn month_bounds_tile_the_year(y in 1900i32..=2199) {
        let mut next = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        for m in 1..=12 {
            let (a, b) = month_bounds(y, m).unwrap();
            prop_assert_eq!(a, next);
            prop_assert!(b >= a);
            next = b.succ_opt().unwrap();
        }
        prop_assert_eq!(next, NaiveDate::from_ymd_opt(y + 1, 1, 1).unwrap());
        let days: u32 = (1..=4)
            .map(|q| format!("{y}-Q{q}").parse::<Period>().unwrap().days())
            .sum();
        prop_assert_eq!(days, Period::year(y).unwrap().days());
    }

    #[test]
    fn no_text_panics(s in "\\PC{0,12}") {
        let _ = s.parse::<Period>();
        let _ = s.parse::<Month>();
        let _ = parse_date(&s);
    }
}

#[test]
fn refused_labels() {
    for s in [
        "",
        "2026-",
        "26-10",
        "2026-13",
        "2026-0",
        "2026-Q0",
        "2026-Q5",
        "2026-10/31",
        "2026--10",
        "1899",
        "2200-01",
        "2026-1x",
        "２０２６",
    ] {
        assert!(s.parse::<Period>().is_err(), "{s}");
    }
    for s in [
        "2026-02-30",
        "2026-13-01",
        "2026/10",
        "1899-12-31",
        "2026-10-31-1",
    ] {
        assert!(parse_date(s).is_err(), "{s}");
    }
    assert!("2026-Q4".parse::<Month>().is_err());
    assert!("2026".parse::<Month>().is_err());
}
