//! A memory limit for WebKitGTK's web process, so that it drops its caches
//! when the window has grown past what it needs.
//!
//! WebKit keeps what it made to lay out and paint text (glyph display
//! lists, font data, selector caches) for as long as its memory-pressure
//! handler sees no pressure, and by default it sees none until a third of
//! the machine's memory is used: scrolling through a long journal grew the
//! web process by 40–60 MB that closing the case did not give back
//! (BENCHMARKS.md). Past `CONSERVATIVE` of `LIMIT_MB` it now releases those
//! caches when it next measures itself (every 30 s, WebKit's own interval;
//! reading the web process's memory map takes ~20 ms here, so it is not
//! shortened), which costs some layout the next time the same text is
//! drawn; the strict level (which also throws away compiled scripts) is
//! left near the limit, where only an unusually heavy page gets.
//!
//! The settings are a construct-only property of WebKitWebContext, and wry
//! builds the context without them, so this module chains itself in front
//! of the class's GObject `constructor` (the documented hook that receives
//! every construct property) and fills the property in when nobody else
//! did. It must run before the first window is built.
#![allow(unsafe_code)] // GObject class and boxed-value calls; see `install`.

use std::ffi::CStr;
use std::os::raw::c_uint;
use std::sync::OnceLock;

use glib::translate::IntoGlib;
use glib::StaticType;
use gobject_sys::{GObject, GObjectClass, GObjectConstructParam};
use webkit2gtk::ffi as webkit;

/// The web process's memory, as WebKit measures it, that the thresholds
/// below are fractions of.
const LIMIT_MB: c_uint = 150;
/// Above 60 MB: release caches (the window at rest: ~50 MB of its own).
const CONSERVATIVE: f64 = 0.4;
/// Above 142 MB: release everything it can, compiled scripts included.
const STRICT: f64 = 0.95;

type Constructor =
    unsafe extern "C" fn(glib::ffi::GType, c_uint, *mut GObjectConstructParam) -> *mut GObject;

/// The class's own constructor, which ours calls on.
static CHAINED: OnceLock<Constructor> = OnceLock::new();

/// Makes WebKitGTK web contexts created from now on carry the settings
/// above. Call on the main thread, before the window is built; a second
/// call changes nothing.
pub fn install() {
    // SAFETY: the class is referenced (and so initialised) before it is
    // touched and the reference is never dropped, so the class outlives
    // every use; its `constructor` slot is replaced once, before any web
    // context exists (no other thread builds one this early), and ours
    // calls the one it replaced with the same arguments.
    unsafe {
        let class = gobject_sys::g_type_class_ref(webkit2gtk::WebContext::static_type().into_glib())
            as *mut GObjectClass;
        if let Some(chained) = (*class).constructor {
            if CHAINED.set(chained).is_ok() {
                (*class).constructor = Some(constructor);
            }
        }
    }
}

unsafe extern "C" fn constructor(
    type_: glib::ffi::GType,
    count: c_uint,
    params: *mut GObjectConstructParam,
) -> *mut GObject {
    // SAFETY: GObject passes `count` construct parameters, each with its
    // spec and a value of the spec's type; a boxed value takes a copy of
    // the settings, which are freed here once given.
    unsafe {
        for param in std::slice::from_raw_parts(params, count as usize) {
            let name = CStr::from_ptr((*param.pspec).name);
            if name.to_bytes() == b"memory-pressure-settings"
                && gobject_sys::g_value_get_boxed(param.value).is_null()
            {
                let settings = webkit::webkit_memory_pressure_settings_new();
                webkit::webkit_memory_pressure_settings_set_memory_limit(settings, LIMIT_MB);
                webkit::webkit_memory_pressure_settings_set_conservative_threshold(
                    settings,
                    CONSERVATIVE,
                );
                webkit::webkit_memory_pressure_settings_set_strict_threshold(settings, STRICT);
                gobject_sys::g_value_set_boxed(param.value, settings as *const _);
                webkit::webkit_memory_pressure_settings_free(settings);
            }
        }
        match CHAINED.get() {
            Some(chained) => chained(type_, count, params),
            None => std::ptr::null_mut(),
        }
    }
}
