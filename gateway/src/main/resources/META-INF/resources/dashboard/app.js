// The session cookie is HttpOnly; the CSRF token is readable and repeated in X-CSRF-Token on state changes.
function csrfToken() {
  const match = document.cookie.match(/(?:^|; )sci_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

function show(me) {
  document.getElementById('login').hidden = !!me;
  document.getElementById('session').hidden = !me;
  if (me) {
    document.getElementById('who').textContent = me.subject;
    document.getElementById('role').textContent = me.role;
  }
}

async function refresh() {
  const response = await fetch('/auth/me', { credentials: 'same-origin' });
  show(response.ok ? await response.json() : null);
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') })
  });
  document.getElementById('login-error').textContent = response.ok ? '' : (await response.json()).detail;
  await refresh();
});

document.getElementById('logout').addEventListener('click', async () => {
  await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken() } });
  await refresh();
});

refresh();
