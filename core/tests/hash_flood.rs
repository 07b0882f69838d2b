//! Issue 17, item 3: hash flooding. Member ids that all share one FxHash (crafted offline:
//! rustc-hash is unkeyed) made loading quadratic. The id indexes now use a keyed hash
//! (`dangjian::hash`), so crafted ids load within a small factor of random ones.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use dangjian::member::{Gender, MemberRecord};
use dangjian::Registry;

const SEED1: u64 = 0x243f_6a88_85a3_08d3;
const PREVENT_TRIVIAL_ZERO_COLLAPSE: u64 = 0xa409_3822_299f_31d0;

fn multiply_mix(x: u64, y: u64) -> u64 {
    let full = (x as u128).wrapping_mul(y as u128);
    (full as u64) ^ ((full >> 64) as u64)
}

/// rustc-hash 2's first bulk round of a 17..=32-byte string (64-bit targets): the mix of its
/// first 16 bytes. For a 32-byte id the final state is `mix(SEED2 ^ b[16..24], t ^ b[24..32])`,
/// so ids whose last 8 bytes are `t ^ T` for one constant `T` (and equal bytes 16..24) all
/// share one hash.
fn first_round(chunk: &[u8; 16]) -> u64 {
    let x = u64::from_le_bytes(chunk[..8].try_into().unwrap());
    let y = u64::from_le_bytes(chunk[8..].try_into().unwrap());
    multiply_mix(SEED1 ^ x, PREVENT_TRIVIAL_ZERO_COLLAPSE ^ y)
}

/// `n` distinct 32-byte printable-ASCII ids with one FxHash (checked against rustc-hash).
pub fn colliding_ids(n: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(n);
    let mut target = None;
    let mut k: u64 = 0;
    while out.len() < n {
        k += 1;
        // 16 letters from the counter (base 26): no digit runs, no white space.
        let mut chunk = [b'a'; 16];
        let mut v = k;
        for b in chunk.iter_mut().rev() {
            *b = b'A' + (v % 26) as u8;
            v /= 26;
        }
        let t = first_round(&chunk);
        let w = match target {
            None => {
                let w = u64::from_le_bytes(*b"~flood!~");
                target = Some(t ^ w);
                w
            }
            Some(tt) => t ^ tt,
        };
        let wb = w.to_le_bytes();
        if wb.iter().all(|&b| (0x21..0x7f).contains(&b)) {
            let mut id = chunk.to_vec();
            id.extend_from_slice(b"-member-");
            id.extend_from_slice(&wb);
            out.push(String::from_utf8(id).unwrap());
        }
    }
    out
}

/// `n` random-looking 32-byte ids of the same shape.
fn random_ids(n: usize) -> Vec<String> {
    let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            let mut id = String::with_capacity(32);
            for _ in 0..32 {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                id.push((b'A' + (s % 26) as u8) as char);
            }
            id
        })
        .collect()
}

fn records(ids: &[String]) -> Vec<MemberRecord> {
    let birth = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
    ids.iter()
        .map(|id| MemberRecord::new(id, "张三", Gender::Male, birth).unwrap())
        .collect()
}

fn load_time(ids: &[String]) -> Duration {
    (0..3)
        .map(|_| {
            let recs = records(ids);
            let mut reg = Registry::default();
            let t = Instant::now();
            reg.add_members(recs).unwrap();
            let e = t.elapsed();
            assert_eq!(
                reg.member_index(&ids[ids.len() / 2]),
                Some((ids.len() / 2) as u32)
            );
            e
        })
        .min()
        .unwrap()
}

#[test]
fn the_crafted_ids_really_collide_under_fxhash() {
    let ids = colliding_ids(1000);
    let h = |s: &str| rustc_hash::FxBuildHasher.hash_one(compact_str::CompactString::from(s));
    let first = h(&ids[0]);
    assert!(ids.iter().all(|id| h(id) == first));
    let set: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(set.len(), ids.len());
}

#[test]
fn crafted_colliding_ids_load_within_a_small_factor_of_random_ids() {
    let n = 10_000;
    let crafted = colliding_ids(n);
    let random = random_ids(n);
    let r = load_time(&random);
    let c = load_time(&crafted);
    let ratio = c.as_secs_f64() / r.as_secs_f64().max(1e-4);
    eprintln!("{n} ids: random {r:?}, crafted {c:?}, ratio {ratio:.2}");
    assert!(
        ratio < 20.0,
        "crafted ids took {c:?} against {r:?} ({ratio:.1}x)"
    );
}
