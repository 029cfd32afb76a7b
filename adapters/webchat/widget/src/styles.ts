/** The widget's styles, inside its shadow root so that the host page's CSS neither leaks in nor out. */
export const STYLES = `
:host { all: initial; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; }
* { box-sizing: border-box; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px;
  padding: 14px 20px; background: #1f5eff; color: #fff; font: inherit; font-weight: 600; cursor: pointer;
  box-shadow: 0 6px 20px rgba(15, 35, 90, .25); }
.launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #ffb020; outline-offset: 2px; }
.badge[hidden] { display: none; }
.badge { display: inline-block; min-width: 20px; margin-left: 8px; padding: 0 6px; border-radius: 10px; background: #fff; color: #1f5eff; font-size: 12px; }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(380px, calc(100vw - 40px));
  height: min(560px, calc(100vh - 110px)); display: flex; flex-direction: column; background: #fff;
  border-radius: 14px; box-shadow: 0 12px 40px rgba(15, 35, 90, .3); overflow: hidden; }
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; gap: 10px; padding: 12px 14px; background: #1f5eff; color: #fff; }
.header h2 { flex: 1; margin: 0; font-size: 16px; }
.state { font-size: 12px; display: flex; align-items: center; gap: 6px; }
.state::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #ffb020; }
.state[data-state="online"]::before { background: #3ddc84; }
.state[data-state="refused"]::before { background: #ff5c5c; }
.close { border: 0; background: transparent; color: #fff; font-size: 20px; cursor: pointer; padding: 0 4px; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f5f7fb; }
.message { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.message[data-origin="visitor"] { align-self: flex-end; background: #1f5eff; color: #fff; border-bottom-right-radius: 4px; }
.message[data-origin="agent"] { align-self: flex-start; background: #fff; border: 1px solid #dde3ef; border-bottom-left-radius: 4px; }
.message[data-origin="system"] { align-self: center; max-width: 92%; background: transparent; color: #56607a; font-size: 13px; font-style: italic; text-align: center; }
.author { display: block; font-size: 12px; font-weight: 600; color: #1f5eff; margin-bottom: 2px; }
.status { display: block; font-size: 11px; opacity: .8; text-align: right; margin-top: 2px; }
.message[data-status="failed"] { background: #b3261e; }
.message a { color: inherit; }
.file { display: block; margin-top: 4px; }
.composer svg { display: block; width: 18px; height: 18px; }
.message img { display: block; max-width: 100%; max-height: 200px; margin-top: 6px; border-radius: 8px; }
.quick-replies { display: flex; flex-wrap: wrap; gap: 6px; align-self: flex-start; }
.quick-replies button { border: 1px solid #1f5eff; background: #fff; color: #1f5eff; border-radius: 16px; padding: 5px 12px; font: inherit; cursor: pointer; }
.typing { min-height: 20px; padding: 0 14px; font-size: 12px; color: #56607a; background: #f5f7fb; }
.composer { display: flex; gap: 6px; align-items: flex-end; padding: 10px; border-top: 1px solid #dde3ef; }
.composer textarea { flex: 1; resize: none; min-height: 40px; max-height: 120px; padding: 9px 10px; border: 1px solid #c5cde0; border-radius: 10px; font: inherit; }
.composer button { border: 0; border-radius: 10px; padding: 10px 12px; font: inherit; cursor: pointer; background: #e7ecf8; color: #1d2433; }
.composer button.send { background: #1f5eff; color: #fff; font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.notice { padding: 8px 12px; font-size: 13px; background: #fff4e0; color: #6b4500; }
.notice:empty { display: none; }
`;
