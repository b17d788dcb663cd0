// Drives the real spotify-player.js (as served by the sandbox) in Node with a minimal browser
// shim, printing every SDK event as one JSON line. Used by tests/sdk_script.rs.
// Usage: node --experimental-websocket sdk_driver.js BASE_URL ACCESS_TOKEN ALBUM_URI [insecure]
'use strict';
const vm = require('vm');

const [base, token, album, mode] = process.argv.slice(2);
const log = (event, payload) => console.log(JSON.stringify({ event, payload }));
const fail = (why) => { log('failure', String(why)); process.exit(1); };
setTimeout(() => fail('timed out'), 15000).unref();

const waiters = [];
function waitFor(event, predicate) {
  return new Promise((resolve) => waiters.push({ event, predicate: predicate || (() => true), resolve }));
}
function emitted(event, payload) {
  log(event, payload === undefined ? null : payload);
  for (let i = 0; i < waiters.length; i++) {
    if (waiters[i].event === event && waiters[i].predicate(payload)) {
      waiters.splice(i, 1)[0].resolve(payload);
      i--;
    }
  }
}

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.status;
}

// In a page that is not a secure context, connect fails with initialization_error.
async function insecureScenario(Spotify) {
  const player = new Spotify.Player({ name: 'Insecure tab', getOAuthToken: (cb) => cb(token) });
  player.addListener('initialization_error', (payload) => emitted('initialization_error', payload));
  log('connected', await player.connect());
  log('done', true);
  process.exit(0);
}

async function scenario(Spotify) {
  let tokenCalls = 0;
  const player = new Spotify.Player({
    name: 'Node tab',
    volume: 0.8,
    getOAuthToken: (cb) => { tokenCalls++; cb(token); },
  });
  for (const name of ['ready', 'not_ready', 'player_state_changed', 'autoplay_failed',
    'initialization_error', 'authentication_error', 'account_error', 'playback_error']) {
    player.addListener(name, (payload) => emitted(name, payload));
  }
  const readyEvent = waitFor('ready');
  log('connected', await player.connect());
  const { device_id } = await readyEvent;
  await player.activateElement();
  const playing = waitFor('player_state_changed', (s) => s && !s.paused);
  log('play_status', await api('PUT', '/v1/me/player/play?device_id=' + device_id, { context_uri: album }));
  await playing;
  const paused = waitFor('player_state_changed', (s) => s && s.paused);
  await player.pause();
  await paused;
  const state = await player.getCurrentState();
  log('current_state', { paused: state.paused, track: state.track_window.current_track.uri });
  log('volume', await player.getVolume());
  const notReady = waitFor('not_ready');
  const readyAgain = waitFor('ready');
  await fetch(base + '/_sandbox/sdk/cut', { method: 'POST' });
  await notReady;
  await readyAgain;
  log('token_calls', tokenCalls);
  player.disconnect();
  log('done', true);
  process.exit(0);
}

(async () => {
  const source = await (await fetch(base + '/spotify-player.js')).text();
  const listeners = {};
  const window = {
    addEventListener: (name, cb) => { listeners[name] = cb; },
    onSpotifyWebPlaybackSDKReady: () =>
      (mode === 'insecure' ? insecureScenario : scenario)(window.Spotify).catch(fail),
    location: { origin: base },
    isSecureContext: mode !== 'insecure',
  };
  const document = { currentScript: { src: base + '/spotify-player.js' }, readyState: 'loading' };
  const context = vm.createContext({ window, document, WebSocket, URL, Promise, JSON, setTimeout, clearTimeout, console });
  vm.runInContext(source, context, { filename: 'spotify-player.js' });
  // The page finishes loading after the script ran.
  document.readyState = 'complete';
  if (listeners.load) listeners.load();
})().catch(fail);
