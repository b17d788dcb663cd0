//! The account's Spotify Connect devices; picking one moves playback there.

use chorus_core::spotify::Device;
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct DevicePickerProps {
    pub devices: Vec<Device>,
    pub this_device_id: Option<String>,
    pub on_transfer: Callback<String>,
    pub on_refresh: Callback<()>,
}

#[component]
pub fn DevicePicker(props: &DevicePickerProps) -> Html {
    let refresh = {
        let cb = props.on_refresh.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="devices" aria-labelledby="devices-title">
            <div class="devices-head">
                <h3 id="devices-title">{ "Devices" }</h3>
                <button class="link-button" id="refresh-devices" onclick={refresh}>{ "Refresh" }</button>
            </div>
            if props.devices.is_empty() {
                <p class="muted">{ super::text::NO_DEVICES }</p>
            } else {
                <ul class="device-list">
                    { for props.devices.iter().filter_map(|device| {
                        let id = device.id.clone()?;
                        let here = props.this_device_id.as_deref() == Some(id.as_str());
                        let onclick = {
                            let (cb, id) = (props.on_transfer.clone(), id.clone());
                            Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                        };
                        Some(html! {
                            <li key={id.clone()}>
                                <button class={classes!("device", device.is_active.then_some("active"))}
                                    aria-current={device.is_active.then_some("true")}
                                    disabled={device.is_restricted}
                                    {onclick}>
                                    <span class="device-name">{ &device.name }</span>
                                    <span class="muted">
                                        { if here { " · this tab" } else { "" } }
                                        { if device.is_active { " · playing" } else { "" } }
                                    </span>
                                </button>
                            </li>
                        })
                    }) }
                </ul>
            }
        </section>
    }
}
