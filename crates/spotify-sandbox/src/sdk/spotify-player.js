/*
 * Spotify sandbox: an emulation of the Web Playback SDK (spotify-player.js).
 * Same public API as the real SDK; playback is silent. Talks to the sandbox that served this file
 * over a WebSocket (its origin is taken from this script's own URL). No eval, no inline code: it
 * runs under a strict Content-Security-Policy that allows this origin for scripts and connections.
 */
(function () {
  'use strict';

  var current = document.currentScript;
  var origin = current && current.src ? new URL(current.src).origin : window.location.origin;
  var socketUrl = origin.replace(/^http/, 'ws') + '/sdk/ws';
  var MAX_BACKOFF_MS = 5000;

  function Player(options) {
    if (!options || typeof options.getOAuthToken !== 'function') {
      throw new TypeError('Spotify.Player requires a getOAuthToken function');
    }
    this._options = options;
    this._name = options.name || 'Spotify Web Player';
    this._volume = typeof options.volume === 'number' ? options.volume : 1;
    this._listeners = {};
    this._socket = null;
    this._deviceId = null;
    this._ready = false;
    this._wanted = false;
    this._activated = false;
    this._attempt = 0;
    this._reconnectTimer = null;
    this._pending = {};
    this._nextId = 1;
  }

  Player.prototype.addListener = function (event, callback) {
    (this._listeners[event] = this._listeners[event] || []).push(callback);
    return true;
  };
  Player.prototype.on = Player.prototype.addListener;

  Player.prototype.removeListener = function (event, callback) {
    if (!callback) {
      delete this._listeners[event];
    } else if (this._listeners[event]) {
      this._listeners[event] = this._listeners[event].filter(function (cb) { return cb !== callback; });
    }
    return true;
  };

  Player.prototype._emit = function (event, payload) {
    (this._listeners[event] || []).slice().forEach(function (callback) {
      try {
        callback(payload);
      } catch (error) {
        setTimeout(function () { throw error; }, 0);
      }
    });
  };

  Player.prototype._token = function () {
    var options = this._options;
    return new Promise(function (resolve) { options.getOAuthToken(resolve); });
  };

  Player.prototype._send = function (message) {
    if (this._socket && this._socket.readyState === WebSocket.OPEN) {
      this._socket.send(JSON.stringify(message));
      return true;
    }
    return false;
  };

  Player.prototype.connect = function () {
    if (this._wanted && this._socket) {
      return Promise.resolve(true);
    }
    // Like the real SDK, playback needs EME, which browsers only offer in a secure context.
    if (window.isSecureContext === false) {
      this._emit('initialization_error', { message: 'Failed to initialize player: a secure context (HTTPS or loopback) is required' });
      return Promise.resolve(false);
    }
    this._wanted = true;
    return this._open();
  };

  Player.prototype._open = function () {
    var self = this;
    return self._token().then(function (token) {
      return new Promise(function (resolve) {
        var socket;
        try {
          socket = new WebSocket(socketUrl);
        } catch (error) {
          self._emit('initialization_error', { message: 'Could not reach the Spotify sandbox' });
          resolve(false);
          return;
        }
        var settled = false;
        function settle(value) {
          if (!settled) {
            settled = true;
            resolve(value);
          }
        }
        self._socket = socket;
        socket.onopen = function () {
          socket.send(JSON.stringify({
            type: 'hello',
            token: token,
            name: self._name,
            volume: self._volume,
            device_id: self._deviceId,
            activated: self._activated
          }));
          settle(true);
        };
        socket.onmessage = function (event) {
          var message;
          try {
            message = JSON.parse(event.data);
          } catch (error) {
            return;
          }
          self._receive(message);
        };
        socket.onclose = function () {
          if (self._socket !== socket) {
            return;
          }
          self._socket = null;
          settle(false);
          self._failPending();
          if (self._ready) {
            self._ready = false;
            if (self._wanted) {
              self._emit('not_ready', { device_id: self._deviceId });
            }
          }
          if (self._wanted) {
            self._scheduleReconnect();
          }
        };
      });
    });
  };

  Player.prototype._scheduleReconnect = function () {
    var self = this;
    var delay = Math.min(250 * Math.pow(2, self._attempt), MAX_BACKOFF_MS);
    self._attempt += 1;
    clearTimeout(self._reconnectTimer);
    self._reconnectTimer = setTimeout(function () {
      if (self._wanted && !self._socket) {
        self._open();
      }
    }, delay);
  };

  Player.prototype._failPending = function () {
    var pending = this._pending;
    this._pending = {};
    Object.keys(pending).forEach(function (id) { pending[id](undefined); });
  };

  Player.prototype._receive = function (message) {
    var self = this;
    switch (message.type) {
      case 'ready':
        self._deviceId = message.device_id;
        self._ready = true;
        self._attempt = 0;
        self._emit('ready', { device_id: message.device_id });
        break;
      case 'state':
        self._emit('player_state_changed', message.state);
        break;
      case 'error':
        // Before `ready` an error is fatal (the sandbox closes the socket): do not retry.
        if (!self._ready) {
          self._wanted = false;
        }
        self._emit(message.kind, { message: message.message });
        break;
      case 'token_expired':
        self._token().then(function (token) { self._send({ type: 'token', token: token }); });
        break;
      case 'autoplay_failed':
        self._emit('autoplay_failed');
        break;
      case 'reply':
        if (self._pending[message.id]) {
          var resolve = self._pending[message.id];
          delete self._pending[message.id];
          resolve(message.value);
        }
        break;
      default:
        break;
    }
  };

  Player.prototype._command = function (op, value) {
    var self = this;
    return new Promise(function (resolve) {
      var id = self._nextId++;
      self._pending[id] = resolve;
      if (!self._send({ type: 'command', id: id, op: op, value: value })) {
        delete self._pending[id];
        resolve(undefined);
      }
    });
  };

  Player.prototype.disconnect = function () {
    this._wanted = false;
    this._ready = false;
    clearTimeout(this._reconnectTimer);
    this._send({ type: 'bye' });
    if (this._socket) {
      var socket = this._socket;
      this._socket = null;
      socket.close();
    }
    this._failPending();
  };

  Player.prototype.getCurrentState = function () {
    return this._command('get_state').then(function (state) { return state || null; });
  };

  Player.prototype.setName = function (name) {
    this._name = name;
    return this._command('set_name', name).then(function () {});
  };

  Player.prototype.getVolume = function () {
    var fallback = this._volume;
    return this._command('get_volume').then(function (volume) {
      return typeof volume === 'number' ? volume : fallback;
    });
  };

  Player.prototype.setVolume = function (volume) {
    this._volume = volume;
    return this._command('set_volume', volume).then(function () {});
  };

  Player.prototype.pause = function () { return this._command('pause').then(function () {}); };
  Player.prototype.resume = function () { return this._command('resume').then(function () {}); };
  Player.prototype.togglePlay = function () { return this._command('toggle').then(function () {}); };
  Player.prototype.seek = function (positionMs) { return this._command('seek', positionMs).then(function () {}); };
  Player.prototype.previousTrack = function () { return this._command('previous').then(function () {}); };
  Player.prototype.nextTrack = function () { return this._command('next').then(function () {}); };

  Player.prototype.activateElement = function () {
    this._activated = true;
    // Resolves once the sandbox knows, so a play sent next cannot overtake it.
    return this._command('activate').then(function () {});
  };

  window.Spotify = { Player: Player };

  var announced = false;
  function announce() {
    if (!announced && typeof window.onSpotifyWebPlaybackSDKReady === 'function') {
      announced = true;
      window.onSpotifyWebPlaybackSDKReady();
    }
  }
  if (document.readyState === 'complete') {
    setTimeout(announce, 0);
  } else {
    window.addEventListener('load', announce);
  }
})();
