import { startLaunch } from './smart.js';

startLaunch().catch((e) => {
  const status = document.getElementById('launch-status');
  status.textContent = e.message;
  status.classList.add('error');
});
