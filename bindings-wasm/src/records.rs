//! The records of the month (activities, meetings, dues payments, service records: added,
//! corrected and removed, all or nothing, by the core session) and the roster import (read by
//! the package's second module, applied here).

use dangjian::community::RecordKind;
use dangjian::io::parse_json;
use dangjian::member::{EventRecord, MemberRecord};
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::community::Community;
use crate::convert::date;
use crate::error::{Fail, ToJs};
use crate::report_module::{ensure_loaded, roster};

#[wasm_bindgen]
impl Community {
    /// Adds activities (积分记录), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addActivities([{...}])`.
    #[wasm_bindgen(js_name = addActivities)]
    pub fn add_activities(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ActivityRecord[] | ActivityRecord | string")]
        records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Activity, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addActivities` checks it.
    #[wasm_bindgen(js_name = correctActivity)]
    pub fn correct_activity(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ActivityRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Activity, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeActivity)]
    pub fn remove_activity(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Activity, id))
    }

    /// Adds meetings (会议记录: 三会一课, 主题党日), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addMeetings([{...}])`.
    #[wasm_bindgen(js_name = addMeetings)]
    pub fn add_meetings(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MeetingRecord[] | MeetingRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Meeting, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addMeetings` checks it.
    #[wasm_bindgen(js_name = correctMeeting)]
    pub fn correct_meeting(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "MeetingRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Meeting, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeMeeting)]
    pub fn remove_meeting(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Meeting, id))
    }

    /// Adds dues payments (党费缴纳记录; a payment's id is `member/YYYY-MM`), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addPayments([{...}])`.
    #[wasm_bindgen(js_name = addPayments)]
    pub fn add_payments(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "PaymentRecord[] | PaymentRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Payment, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addPayments` checks it.
    #[wasm_bindgen(js_name = correctPayment)]
    pub fn correct_payment(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "PaymentRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Payment, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removePayment)]
    pub fn remove_payment(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Payment, id))
    }

    /// Adds service records (服务记录), all or nothing: each record is checked (a unique id, the people,
    /// organizations and posts it names, the rules of its section); on the first bad one the
    /// community is exactly as before and the error (`code` `record_*`) names the record in
    /// Chinese (`第101条积分记录（A000101，XF002）日期 2026/10/15 应写成 2026-10-15`).
    /// Returns the number added: `community.addServiceRecords([{...}])`.
    #[wasm_bindgen(js_name = addServiceRecords)]
    pub fn add_service_records(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ServiceRecord[] | ServiceRecord | string")] records: JsValue,
    ) -> Result<usize, JsValue> {
        self.add_records(RecordKind::Service, &records)
    }

    /// Replaces the record of this kind whose id is `id` by `record`, checked as
    /// `addServiceRecords` checks it.
    #[wasm_bindgen(js_name = correctServiceRecord)]
    pub fn correct_service_record(
        &mut self,
        id: &str,
        #[wasm_bindgen(unchecked_param_type = "ServiceRecord | string")] record: JsValue,
    ) -> Result<(), JsValue> {
        self.correct_record(RecordKind::Service, id, &record)
    }

    /// Removes the record of this kind whose id is `id` (code `record_not_found` if none).
    #[wasm_bindgen(js_name = removeServiceRecord)]
    pub fn remove_service_record(&mut self, id: &str) -> Result<(), JsValue> {
        self.change(|c| c.remove_kind(RecordKind::Service, id))
    }

    /// Imports a roster CSV (UTF-8, GB18030 or UTF-16; Chinese headers 姓名, 性别, 出生日期, …,
    /// 所在支部, under their common aliases): every row becomes a member on `asOf`, all or
    /// nothing. Ids come from 编号, else from the ID number keyed by `idKey`; rows without
    /// 登记方式 enter as `entry` (`"registered"` 初始登记 or `"transferred_in"` 转入; needed
    /// when `asOf` is after the founding). Returns the number of members added. Bad cells are
    /// all reported together (`code` `invalid_rows`, `rows` with row, column, code, masked
    /// value and reason).
    ///
    /// The file is read by the package's second module (`await loadReportModule()` once
    /// first, otherwise a `bad_argument` error naming `loadReportModule`); the members it
    /// yields are added here.
    #[wasm_bindgen(js_name = importRosterCsv)]
    pub fn import_roster_csv(
        &mut self,
        bytes: &[u8],
        #[wasm_bindgen(js_name = asOf)] as_of: &str,
        #[wasm_bindgen(js_name = idPrefix)] id_prefix: Option<String>,
        #[wasm_bindgen(js_name = idKey)] id_key: Option<String>,
        entry: Option<String>,
    ) -> Result<usize, JsValue> {
        ensure_loaded()?;
        let as_of = date(as_of, "asOf")?;
        if let Some(e) = &entry {
            dangjian::io::Entry::parse(e).ok_or_else(|| {
                Fail::bad_argument("entry", "is neither \"registered\" nor \"transferred_in\"")
                    .to_js()
            })?;
        }
        // the one roster import of the core, in the second module against this community's
        // tree: the format found from the content (a workbook is refused with a Chinese
        // message when the package is built without `xlsx`), GB18030 by the host
        let args = json!({ "asOf": as_of, "idPrefix": id_prefix, "idKey": id_key, "entry": entry });
        let text = roster(&self.inner, self.version, bytes, args)?;
        let (members, events) = text
            .split_once('\n')
            .ok_or_else(|| Fail::internal("roster rows".into()).to_js())?;
        let members: Vec<MemberRecord> = parse_json(members).map_err(|e| e.to_js())?;
        let events: Vec<EventRecord> = parse_json(events).map_err(|e| e.to_js())?;
        let n = members.len();
        self.change(|c| c.import(members, events))?;
        Ok(n)
    }
}
