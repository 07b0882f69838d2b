//! Speed tuning, in one place: the functions marked `hot!` are compiled for speed in a build
//! otherwise optimised for size (the WebAssembly module: `bindings-wasm/build.sh` passes
//! `--cfg dangjian_speed`, which turns on the unstable `#[optimize(speed)]`; see
//! `docs/wasm.md`). Everywhere else (native builds, stable compilers) `hot!` changes nothing:
//! the function is written out as it is.
//!
//! Only the scoring kernel's inner loops and the score table's JSON writer are marked; the
//! rest of the library is tuned by nothing but its algorithms. The marked files, with the
//! number of `hot!` functions in each (`core/tests/layers.rs` fails when this list and the
//! code disagree, or when `dangjian_speed` is named anywhere but here and in `lib.rs`'s
//! feature gate):
//!
//! | file | `hot!` |
//! |---|---|
//! | `scoring/kernel.rs` | 6 |
//! | `scoring/score_table_json.rs` | 8 |
//! | `scoring/semantics.rs` | 4 |
//! | `scoring/typed.rs` | 5 |

/// Marks one function as hot (see the module docs): `hot! { /// docs  fn f() { … } }`.
macro_rules! hot {
    ($(#[$attr:meta])* $vis:vis fn $($rest:tt)*) => {
        $(#[$attr])*
        #[cfg_attr(dangjian_speed, optimize(speed))]
        $vis fn $($rest)*
    };
}

pub(crate) use hot;
