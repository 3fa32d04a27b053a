// Sends the upload with XMLHttpRequest so the progress bar follows the upload's own progress
// events, then shows the server's verdict. Without JavaScript the form posts normally.
(function () {
  const form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const bar = document.querySelector('#upload-progress .progress-bar');
  const progress = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  const error = document.getElementById('upload-error');
  const button = document.getElementById('upload-button');

  function showError(message) {
    error.textContent = message;
    error.classList.remove('d-none');
    progress.classList.add('d-none');
    status.classList.add('d-none');
    button.disabled = false;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const file = form.querySelector('#file').files[0];
    if (!file) { showError('Choose a file to upload.'); return; }
    const max = Number(form.dataset.maxBytes);
    if (max && file.size > max) { showError('The file is larger than the ' + Math.floor(max / 1048576) + ' MB limit.'); return; }

    error.classList.add('d-none');
    button.disabled = true;
    progress.classList.remove('d-none');
    status.classList.remove('d-none');
    status.textContent = 'Uploading ' + file.name + '…';

    const data = new FormData();
    data.append('description', form.querySelector('#description').value);
    data.append('origin', form.querySelector('#origin').value);
    data.append('orientation', form.querySelector('#orientation').value);
    data.append('encoding', form.querySelector('#encoding').value);
    data.append('file', file);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.style.width = percent + '%';
      bar.textContent = percent + '%';
      progress.setAttribute('aria-valuenow', String(percent));
      if (percent === 100) status.textContent = 'Checking and storing ' + file.name + '…';
    });
    xhr.addEventListener('load', function () {
      let answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: handled below */ }
      if (xhr.status >= 200 && xhr.status < 300 && answer && answer.ok) { window.location.assign(answer.redirect); return; }
      showError(answer && answer.error ? answer.error : 'The upload failed (HTTP ' + xhr.status + ').');
    });
    xhr.addEventListener('error', function () { showError('The connection was lost during the upload.'); });
    xhr.send(data);
  });
})();
