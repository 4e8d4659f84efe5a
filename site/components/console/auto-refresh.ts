// Keeps the alert list current at a duty desk: reloads every [data-refresh-seconds] seconds
// while the tab is visible and nobody is using the filter form, so new alerts and the clocks
// ("剩 … / 已超时 …") do not go stale on a screen left open.
const root = document.querySelector<HTMLElement>('[data-refresh-seconds]');
const seconds = Number(root?.dataset.refreshSeconds);
if (root && Number.isFinite(seconds) && seconds >= 30) {
  const busy = () => {
    const active = document.activeElement;
    return active instanceof HTMLSelectElement || active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
  };
  window.setInterval(() => {
    if (document.visibilityState === 'visible' && !busy()) window.location.reload();
  }, seconds * 1000);
}
