// Starts yaml-language-server with its fixed 200 ms validation delay set to 0, so the benchmark compares
// validation work, not timers (our server is run with debounceMs 0 too).
const settings = require('yaml-language-server/out/server/src/yamlSettings.js');
const Original = settings.SettingsState;
settings.SettingsState = class extends Original {
  constructor(...args) {
    super(...args);
    this.validationDelayMs = 0;
  }
};
require('yaml-language-server/out/server/src/server.js');
