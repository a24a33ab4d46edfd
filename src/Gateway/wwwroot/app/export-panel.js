// The preview page's Export panel, like the export tab of openstreetmap.org: an area (the current
// view, or a box dragged with Leaflet.draw), a format and a zoom or scale give one image from
// GET /{style}/export; the same box over a zoom range becomes a job (POST /jobs, admin token),
// and the jobs are listed with live progress from GET /jobs.
(function (global) {
  'use strict';

  const geometry = global.TileClusterExportGeometry;
  const JOB_POLL_MS = 2000;
  const JOB_LIST_LIMIT = 20;
  const ACTIVE_STATES = new Set(['queued', 'running']);

  const $ = id => document.getElementById(id);
  const element = (tag, props, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) { node.append(child); }
    }
    return node;
  };
  // Up to 6 decimals (about 0.1 m), trailing zeros dropped: what the fields show and the URL sends.
  const degrees = value => String(+value.toFixed(6));
  const pixels = n => n.toLocaleString('en-US');
  const megapixels = n => `${+(n / 1e6).toPrecision(n >= 1e6 ? 3 : 2)} Mpx`;

  function create(map, config) {
    const limits = {
      minZoom: config.minZoom,
      maxZoom: config.maxZoom,
      maxWidthPx: config.export.maxWidthPx,
      maxHeightPx: config.export.maxHeightPx,
      maxPixels: config.export.maxPixels,
    };
    const panel = $('export-panel');
    const fields = { west: $('export-west'), south: $('export-south'), east: $('export-east'), north: $('export-north') };
    const zoomInput = $('export-zoom'), scaleInput = $('export-scale');
    const download = $('export-download');
    let followView = true;
    let box = null;
    let drawing = null;
    let jobTimer = null;
    // A zoom or scale the user typed is kept while the view moves; "Use current view" resets it.
    let sizeTyped = false;

    // ---- the area ------------------------------------------------------------------------------

    function setArea(bounds) {
      fields.west.value = degrees(bounds.getWest());
      fields.south.value = degrees(bounds.getSouth());
      fields.east.value = degrees(bounds.getEast());
      fields.north.value = degrees(bounds.getNorth());
    }

    function useView(resetSize) {
      followView = true;
      removeBox();
      setArea(map.getBounds());
      if (resetSize || !sizeTyped) {
        sizeTyped = false;
        zoomInput.value = String(map.getZoom());
        scaleInput.value = String(Math.round(geometry.scaleForZoom(map.getZoom(), map.getCenter().lat)));
      }
      update();
    }

    function removeBox() {
      if (box) {
        box.editing.disable();
        map.removeLayer(box);
        box = null;
      }
    }

    const BOX_STYLE = { color: '#e8590c', weight: 2, fillOpacity: 0.1 };

    function startDrawing() {
      if (drawing) { drawing.disable(); }
      // showArea is off: Leaflet.draw 1.0.4's area text assigns an undeclared variable.
      drawing = new L.Draw.Rectangle(map, { showArea: false, shapeOptions: BOX_STYLE });
      drawing.enable();
      $('export-draw').setAttribute('aria-pressed', 'true');
    }

    // The box on the map, with Leaflet.draw's handles to resize and move it.
    function showBox(rectangle) {
      removeBox();
      followView = false;
      box = rectangle.addTo(map);
      box.editing.enable();
      box.on('edit', () => { setArea(box.getBounds()); update(); });
    }

    map.on(L.Draw.Event.CREATED, event => {
      showBox(event.layer);
      setArea(box.getBounds());
      update();
    });
    map.on(L.Draw.Event.DRAWSTOP, () => $('export-draw').setAttribute('aria-pressed', 'false'));
    map.on(`${L.Draw.Event.EDITRESIZE} ${L.Draw.Event.EDITMOVE}`, event => {
      if (event.layer === box) { setArea(box.getBounds()); update(); }
    });
    map.on('moveend', () => {
      if (followView && !panel.hidden) { useView(false); }
    });

    // Typed coordinates are the area from then on; the box shows them whenever they make one.
    for (const input of Object.values(fields)) {
      input.addEventListener('input', () => {
        followView = false;
        const check = geometry.parse({ bbox: bboxText(), zoom: '0' });
        if (check.ok) {
          const bounds = [[check.query.south, check.query.west], [check.query.north, check.query.east]];
          if (box) {
            box.setBounds(bounds);
            box.editing.disable();
            box.editing.enable();
          } else {
            showBox(L.rectangle(bounds, BOX_STYLE));
          }
        }
        update();
      });
    }

    const bboxText = () => [fields.west, fields.south, fields.east, fields.north].map(f => f.value.trim()).join(',');

    // ---- one image -----------------------------------------------------------------------------

    function sizeBy() { return document.querySelector('input[name="export-by"]:checked').value; }

    // The query fields exactly as they are sent, so the size shown is the size the server computes.
    function exportFields() {
      const format = $('export-format').value;
      const result = { bbox: bboxText(), format };
      if (sizeBy() === 'zoom') { result.zoom = zoomInput.value.trim(); } else { result.scale = scaleInput.value.trim(); }
      if ($('export-ratio2').checked) { result.ratio = '2'; }
      if (format === 'pdf' || format === 'svg') { result.dpi = $('export-dpi').value.trim(); }
      if (!$('export-attribution').checked) { result.attribution = 'false'; }
      return result;
    }

    function exportUrl(query) {
      const parts = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
      return `${config.export.url}?${parts.join('&')}`;
    }

    function update() {
      const query = exportFields();
      zoomInput.disabled = sizeBy() !== 'zoom';
      scaleInput.disabled = sizeBy() !== 'scale';
      $('export-dpi').disabled = !(query.format === 'pdf' || query.format === 'svg');
      const verdict = geometry.check(query, limits);
      const size = $('export-size'), status = $('export-verdict');
      if (verdict.widthPx) {
        size.textContent = `${pixels(verdict.widthPx)} × ${pixels(verdict.heightPx)} px (${megapixels(verdict.widthPx * verdict.heightPx)}, zoom ${+verdict.zoom.toFixed(2)})`;
        size.dataset.width = String(verdict.widthPx);
        size.dataset.height = String(verdict.heightPx);
      } else {
        size.textContent = '';
        delete size.dataset.width;
        delete size.dataset.height;
      }
      status.dataset.status = String(verdict.status);
      status.className = verdict.ok ? 'tc-ok' : 'tc-refused';
      if (verdict.ok) {
        status.textContent = `Within the limits (${pixels(limits.maxWidthPx)} × ${pixels(limits.maxHeightPx)} px, ${megapixels(limits.maxPixels)}).`;
      } else if (verdict.status === 413) {
        status.textContent = `Too large: ${verdict.message}. Choose a smaller area or zoom, or run it as a job below.`;
      } else {
        status.textContent = `Not possible: ${verdict.message}.`;
      }
      if (verdict.ok) {
        download.href = exportUrl(query);
        download.removeAttribute('aria-disabled');
      } else {
        download.removeAttribute('href');
        download.setAttribute('aria-disabled', 'true');
      }
      updateJobForm();
    }

    // ---- jobs ----------------------------------------------------------------------------------

    function jobSpec() {
      const check = geometry.parse({ bbox: bboxText(), zoom: '0' });
      const spec = {
        style: config.style,
        bbox: check.ok ? [check.query.west, check.query.south, check.query.east, check.query.north] : bboxText(),
        zoom: $('job-zooms').value.trim(),
        kind: $('job-kind').value,
      };
      if (spec.kind === 'export') {
        spec.outputs = [...document.querySelectorAll('#job-outputs input:checked')].map(i => i.value);
      }
      const name = $('job-name').value.trim();
      if (name) { spec.name = name; }
      return spec;
    }

    function updateJobForm() {
      const isExport = $('job-kind').value === 'export';
      for (const input of document.querySelectorAll('#job-outputs input')) { input.disabled = !isExport; }
    }

    async function problemText(response) {
      let text = `HTTP ${response.status}`;
      try {
        const body = await response.json();
        text += body.title ? ` ${body.title}` : '';
        text += body.detail ? `: ${body.detail}` : '';
      } catch {
        // Not a problem document: the status says enough.
      }
      if (response.status === 401) { text += ' (check the admin token)'; }
      return text;
    }

    async function startJob() {
      const message = $('job-message');
      // The token lives in this field only: never stored, never put in a URL.
      const token = $('job-token').value.trim();
      if (!token) {
        message.textContent = 'Type the admin token (the gateway\'s Admin:Token) to start a job.';
        message.className = 'tc-refused';
        return;
      }
      $('job-start').disabled = true;
      try {
        const response = await fetch(config.jobsUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}` },
          body: JSON.stringify(jobSpec()),
        });
        if (response.status === 202) {
          const job = await response.json();
          message.textContent = `Job ${job.id} started.`;
          message.className = 'tc-ok';
          await refreshJobs();
        } else {
          message.textContent = `Not started: ${await problemText(response)}`;
          message.className = 'tc-refused';
        }
      } catch (error) {
        message.textContent = `Not started: ${error.message}`;
        message.className = 'tc-refused';
      } finally {
        $('job-start').disabled = false;
      }
    }

    async function cancelJob(id) {
      const token = $('job-token').value.trim();
      const message = $('job-message');
      const response = await fetch(`${config.jobsUrl}/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        headers: { 'Authorization': `Bearer ${token}` },
      });
      if (response.ok) {
        message.textContent = `Job ${id}: cancel requested.`;
        message.className = 'tc-ok';
      } else {
        message.textContent = `Job ${id} not cancelled: ${await problemText(response)}`;
        message.className = 'tc-refused';
      }
      await refreshJobs();
    }

    // Output links come from the server; only its own paths become links.
    const safePath = url => typeof url === 'string' && url.startsWith('/jobs/') && !url.startsWith('//');

    function renderOutput(job, output) {
      const item = element('li', { className: 'tc-output' });
      item.dataset.kind = output.kind;
      const label = `${output.kind}${output.zoom !== undefined && output.zoom !== null ? ` z${output.zoom}` : ''}`;
      if (!safePath(output.url)) {
        item.append(label);
      } else if (output.kind === 'tms' || output.kind === 'xyz') {
        // A tile tree, as the template an editor takes for a background: iD and JOSM write the
        // zoom {zoom}, and the TMS row {-y}, which is what the tms URL expects.
        const template = new URL(output.url, location.href).href.replace(/%7B/g, '{').replace(/%7D/g, '}')
          .replace('{z}', '{zoom}').replace('{y}', output.kind === 'tms' ? '{-y}' : '{y}');
        item.append(`${label} (iD, JOSM): `, element('code', { textContent: template }));
        if (output.kind === 'tms') {
          item.append(' ', element('a', { href: `/jobs/${encodeURIComponent(job.id)}/tilemapresource.xml`, textContent: 'tilemapresource.xml' }));
        }
      } else {
        const size = typeof output.bytes === 'number' ? ` (${(output.bytes / 1048576).toFixed(1)} MiB)` : '';
        item.append(element('a', { href: output.url, textContent: `${label}${size}` }));
      }
      return item;
    }

    function renderJob(job) {
      const item = element('li', { className: 'tc-job' });
      item.dataset.jobId = job.id;
      item.dataset.state = job.state;
      const title = job.name ? `${job.name} · ${job.id}` : job.id;
      const spec = job.spec || {};
      item.append(
        element('div', { className: 'tc-job-title' },
          element('strong', { textContent: title }), ' ',
          element('span', { className: `tc-state tc-state-${job.state}`, textContent: job.state })),
        element('div', { className: 'tc-job-spec', textContent: `${spec.kind ?? ''} ${spec.style ?? ''} z${spec.zoom ?? ''}` }));
      for (const progress of job.progress || []) {
        const bar = element('progress', { max: Math.max(progress.total, 1), value: progress.done });
        const row = element('div', { className: 'tc-progress' },
          element('span', { textContent: progress.output }), bar,
          element('span', { textContent: `${progress.done}/${progress.total} ${progress.unit}` }));
        row.dataset.output = progress.output;
        item.append(row);
      }
      const facts = [`${job.renders ?? 0} rendered`];
      if (job.eta && ACTIVE_STATES.has(job.state)) { facts.push(`ETA ${new Date(job.eta).toLocaleTimeString()}`); }
      if (job.finished) { facts.push(`finished ${new Date(job.finished).toLocaleString()}`); }
      item.append(element('div', { className: 'tc-job-facts', textContent: facts.join(' · ') }));
      for (const error of job.errors || []) {
        item.append(element('div', { className: 'tc-refused', textContent: error }));
      }
      const outputs = element('ul', { className: 'tc-outputs' });
      for (const output of job.outputs || []) { outputs.append(renderOutput(job, output)); }
      if (safePath(job.statusUrl)) {
        outputs.append(element('li', {}, element('a', { href: job.statusUrl, textContent: 'status.json' })));
      }
      item.append(outputs);
      if (ACTIVE_STATES.has(job.state)) {
        const cancel = element('button', { type: 'button', className: 'tc-cancel', textContent: 'Cancel' });
        cancel.addEventListener('click', () => cancelJob(job.id));
        item.append(cancel);
      }
      return item;
    }

    async function refreshJobs() {
      const list = $('job-list'), note = $('jobs-note');
      try {
        const response = await fetch(`${config.jobsUrl}?limit=${JOB_LIST_LIMIT}`, { cache: 'no-store' });
        if (!response.ok) {
          note.textContent = response.status === 404 ? 'This gateway has no jobs API.' : `Jobs: ${await problemText(response)}`;
          return;
        }
        const body = await response.json();
        const jobs = body.jobs || [];
        list.replaceChildren(...jobs.map(renderJob));
        note.textContent = jobs.length === 0 ? 'No jobs yet.' : '';
      } catch (error) {
        note.textContent = `Jobs: ${error.message}`;
      }
    }

    function pollJobs() {
      clearTimeout(jobTimer);
      if (panel.hidden) { return; }
      refreshJobs().finally(() => {
        if (!panel.hidden) { jobTimer = setTimeout(pollJobs, JOB_POLL_MS); }
      });
    }

    // ---- wiring --------------------------------------------------------------------------------

    function toggle(open) {
      panel.hidden = !open;
      $('export-toggle').setAttribute('aria-expanded', String(open));
      if (open) {
        if (followView) { useView(false); } else { update(); }
        const z = map.getZoom();
        if (!$('job-zooms').value) { $('job-zooms').value = `${z}-${Math.min(z + 1, config.maxZoom)}`; }
        pollJobs();
      } else {
        clearTimeout(jobTimer);
        if (drawing) { drawing.disable(); }
      }
    }

    const Toggle = L.Control.extend({
      options: { position: 'topleft' },
      onAdd: () => {
        const container = L.DomUtil.create('div', 'leaflet-bar');
        const button = $('export-toggle');
        container.append(button);
        L.DomEvent.disableClickPropagation(container);
        return container;
      },
    });
    new Toggle().addTo(map);
    L.DomEvent.disableClickPropagation(panel);
    L.DomEvent.disableScrollPropagation(panel);

    $('export-toggle').addEventListener('click', () => toggle(panel.hidden));
    $('export-toggle').addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(panel.hidden); }
    });
    $('export-close').addEventListener('click', () => toggle(false));
    $('export-view').addEventListener('click', () => useView(true));
    for (const input of [zoomInput, scaleInput]) {
      input.addEventListener('input', () => { sizeTyped = true; });
    }
    $('export-draw').addEventListener('click', startDrawing);
    for (const input of panel.querySelectorAll('#export-image input, #export-image select')) {
      input.addEventListener('input', update);
      input.addEventListener('change', update);
    }
    $('job-kind').addEventListener('change', updateJobForm);
    $('job-start').addEventListener('click', startJob);
    download.addEventListener('click', event => {
      if (download.getAttribute('aria-disabled') === 'true') { event.preventDefault(); }
    });

    return { open: () => toggle(true), close: () => toggle(false), refreshJobs };
  }

  global.TileClusterExportPanel = { create };
})(window);
