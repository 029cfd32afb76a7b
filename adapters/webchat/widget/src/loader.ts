/*
 * The one script a host page embeds: `<script src="https://…/channels/webchat/widget.js" async>`.
 * It is a classic script (so it works in any page), which imports the widget's modules from
 * beside itself and hands them its own tag, where the page's `data-*` settings are.
 */
(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const entry = new URL('widget/boot.js', script.src).href;
  import(entry)
    .then((module: { boot(script: HTMLScriptElement): void }) => {
      module.boot(script);
    })
    .catch((error: unknown) => {
      console.error('The chat widget could not load:', error);
    });
})();
