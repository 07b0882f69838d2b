#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::entry::rule_set_json(data);
});
