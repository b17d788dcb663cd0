//! The account's Spotify Connect devices: each with its type, whether it is the active one and
//! whether it takes a volume; picking one moves playback there ("this tab" is "Play here").

use chorus_core::spotify::Device;
use yew::prelude::*;

use super::text;

#[derive(Debug, Properties, PartialEq)]
pub struct DevicePickerProps {
    pub devices: Vec<Device>,
    pub this_device_id: Option<String>,
    /// This tab is a remote only (it has no device of its own).
    #[prop_or_default]
    pub remote: bool,
    pub on_transfer: Callback<String>,
    pub on_refresh: Callback<()>,
}

#[component]
pub fn DevicePicker(props: &DevicePickerProps) -> Html {
    let refresh = {
        let cb = props.on_refresh.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let empty = if props.remote {
        text::NO_DEVICES_REMOTE
    } else {
        text::NO_DEVICES
    };
    html! {
        <section class="devices" aria-labelledby="devices-title">
            <div class="devices-head">
                <h3 id="devices-title">{ "Devices" }</h3>
                <button class="link-button" id="refresh-devices" onclick={refresh}>{ "Refresh" }</button>
            </div>
            if props.devices.is_empty() {
                <p class="muted">{ empty }</p>
            } else {
                <ul class="device-list">
                    { for props.devices.iter().filter_map(|device| {
                        let id = device.id.clone()?;
                        let here = props.this_device_id.as_deref() == Some(id.as_str());
                        let onclick = {
                            let (cb, id) = (props.on_transfer.clone(), id.clone());
                            Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                        };
                        let mut facts = vec![text::device_kind(&device.kind)];
                        if here {
                            facts.push(text::THIS_TAB);
                        }
                        if device.is_active {
                            facts.push(text::ACTIVE);
                        }
                        if !device.supports_volume {
                            facts.push(text::NO_VOLUME);
                        }
                        Some(html! {
                            <li key={id.clone()}>
                                <button class={classes!("device", device.is_active.then_some("active"))}
                                    data-device-id={id.clone()}
                                    data-device-type={device.kind.clone()}
                                    data-supports-volume={device.supports_volume.to_string()}
                                    aria-current={device.is_active.then_some("true")}
                                    disabled={device.is_restricted}
                                    {onclick}>
                                    <span class="device-name">{ &device.name }</span>
                                    <span class="muted device-facts">{ format!(" · {}", facts.join(" · ")) }</span>
                                </button>
                            </li>
                        })
                    }) }
                </ul>
            }
        </section>
    }
}
