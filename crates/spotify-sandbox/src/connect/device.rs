//! A Connect device: an SDK player in a browser tab, or a seeded phone/speaker.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    Computer,
    Smartphone,
    Speaker,
}

impl DeviceKind {
    /// The `type` string of the Web API's device object.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Computer => "Computer",
            Self::Smartphone => "Smartphone",
            Self::Speaker => "Speaker",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: String,
    pub name: String,
    pub kind: DeviceKind,
    pub volume_percent: u8,
    /// Whether `PUT /me/player/volume` may change it (an iPhone's Spotify refuses with 403
    /// `VOLUME_CONTROL_DISALLOW`; SDK players, speakers and Android phones accept).
    pub supports_volume: bool,
    /// Whether the SDK's `activateElement()` was called (browser autoplay policy).
    pub activated: bool,
}

impl Device {
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: DeviceKind) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind,
            volume_percent: 100,
            supports_volume: true,
            activated: false,
        }
    }
}
