// The export maths of GET /{style}/export, as the gateway does them (src/Gateway/Export/ExportGeometry.cs
// and ExportQuery.cs, and the checks of ExportEndpoints.cs), so the preview page can show an export's
// pixel size and whether the server will accept it before anything is requested.
// Gateway.Tests/Browser/ExportPanelBrowserTests holds both to the same answers.
(function (global) {
  'use strict';

  const HALF_WORLD = 20037508.342789244;
  const STANDARD_PIXEL_METRES = 0.00028;
  const EARTH_RADIUS = 6378137;
  const MAX_LATITUDE = 85.0511;
  const MAX_ZOOM = 24;
  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const WHOLE = /^\d+$/;
  const FORMATS = { png: 'png', jpeg: 'jpeg', jpg: 'jpeg', pdf: 'pdf', svg: 'svg', geotiff: 'geotiff', tiff: 'geotiff', tif: 'geotiff' };

  const x = lon => lon * HALF_WORLD / 180;
  const y = lat => EARTH_RADIUS * Math.log(Math.tan((Math.PI / 4) + (lat * Math.PI / 360)));
  const metresPerCssPixel = zoom => 2 * HALF_WORLD / (256 * Math.pow(2, zoom));
  const zoomForScale = (scale, latitude) =>
    Math.log2(2 * HALF_WORLD / 256 * Math.cos(latitude * Math.PI / 180) / (scale * STANDARD_PIXEL_METRES));
  // The ground scale denominator of a zoom at a latitude: the inverse of zoomForScale.
  const scaleForZoom = (zoom, latitude) =>
    2 * HALF_WORLD / 256 * Math.cos(latitude * Math.PI / 180) / Math.pow(2, zoom) / STANDARD_PIXEL_METRES;

  // .NET's Math.Round rounds halves to even; Math.round would round them up.
  function roundHalfEven(value) {
    const floor = Math.floor(value);
    const diff = value - floor;
    if (diff > 0.5) { return floor + 1; }
    if (diff < 0.5) { return floor; }
    return floor % 2 === 0 ? floor : floor + 1;
  }

  const pixelCount = pixels => Math.min(Math.max(roundHalfEven(pixels), 1), 2147483647);
  const number = text => (typeof text === 'string' && NUMBER.test(text.trim())) ? Number(text.trim()) : NaN;
  const given = text => text !== undefined && text !== null && text !== '';

  function refuse(status, field, message) { return { ok: false, status, field, message }; }

  // Parses the query fields as strings, like ExportQuery.TryParse: { ok: true, query } or a refusal
  // naming the field (status 400).
  function parse(fields) {
    const parts = String(fields.bbox ?? '').split(',');
    if (!given(fields.bbox) || String(fields.bbox).trim() === '') {
      return refuse(400, 'bbox', 'bbox is required: bbox=west,south,east,north in WGS84 degrees');
    }
    const [west, south, east, north] = parts.map(number);
    if (parts.length !== 4 || [west, south, east, north].some(v => !Number.isFinite(v))) {
      return refuse(400, 'bbox', 'bbox must be four numbers: west,south,east,north in WGS84 degrees');
    }
    if (west < -180 || east > 180 || west > 180 || east < -180) {
      return refuse(400, 'bbox', 'bbox longitudes must be within -180..180');
    }
    if (south < -MAX_LATITUDE || north > MAX_LATITUDE || south > MAX_LATITUDE || north < -MAX_LATITUDE) {
      return refuse(400, 'bbox', `bbox latitudes must be within -${MAX_LATITUDE}..${MAX_LATITUDE} (Web Mercator)`);
    }
    if (!(west < east) || !(south < north)) {
      return refuse(400, 'bbox', 'bbox is empty or inverted: west must be less than east and south less than north');
    }
    const hasZoom = given(fields.zoom), hasScale = given(fields.scale), hasSize = given(fields.width) || given(fields.height);
    if (hasZoom && hasScale) { return refuse(400, 'zoom', 'zoom and scale are exclusive: give one of zoom, scale, or width/height'); }
    if ((hasZoom || hasScale) && hasSize) { return refuse(400, hasZoom ? 'zoom' : 'scale', 'give one of zoom, scale, or width/height'); }
    if (!hasZoom && !hasScale && !hasSize) { return refuse(400, 'zoom', 'zoom, scale, width or height is required'); }
    const query = { west, south, east, north, zoom: null, scale: null, width: null, height: null, ratio: 1 };
    if (hasZoom) {
      query.zoom = number(fields.zoom);
      if (!Number.isFinite(query.zoom) || query.zoom < 0 || query.zoom > MAX_ZOOM) { return refuse(400, 'zoom', `zoom must be a number within 0..${MAX_ZOOM}`); }
    }
    if (hasScale) {
      query.scale = number(fields.scale);
      if (!Number.isFinite(query.scale) || query.scale < 1 || query.scale > 1e9) { return refuse(400, 'scale', 'scale must be a denominator within 1..1000000000'); }
    }
    for (const field of ['width', 'height']) {
      if (given(fields[field])) {
        const text = String(fields[field]);
        if (!WHOLE.test(text) || Number(text) < 1 || Number(text) > 2147483647) { return refuse(400, field, `${field} must be a positive whole number of pixels`); }
        query[field] = Number(text);
      }
    }
    if (given(fields.format) && !FORMATS[String(fields.format).toLowerCase()]) {
      return refuse(400, 'format', 'format must be one of png, jpeg, pdf, svg, geotiff');
    }
    if (given(fields.dpi)) {
      const dpi = number(fields.dpi);
      if (!Number.isFinite(dpi) || dpi < 1 || dpi > 2400) { return refuse(400, 'dpi', 'dpi must be a number within 1..2400'); }
    }
    if (given(fields.ratio)) {
      const ratio = String(fields.ratio);
      if (!WHOLE.test(ratio) || Number(ratio) < 1 || Number(ratio) > 4) { return refuse(400, 'ratio', 'ratio must be 1, 2, 3 or 4'); }
      query.ratio = Number(ratio);
    }
    return { ok: true, query };
  }

  // The pixel size and the zoom of a parsed query, like ExportGeometry.Resolve.
  function resolve(query) {
    const minX = x(query.west), maxX = x(query.east), minY = y(query.south), maxY = y(query.north);
    const widthMetres = maxX - minX, heightMetres = maxY - minY;
    let metresPerDevicePixel;
    if (query.zoom !== null) {
      metresPerDevicePixel = metresPerCssPixel(query.zoom) / query.ratio;
    } else if (query.scale !== null) {
      metresPerDevicePixel = metresPerCssPixel(zoomForScale(query.scale, (query.south + query.north) / 2)) / query.ratio;
    } else {
      const byWidth = query.width !== null ? widthMetres / query.width : 0;
      const byHeight = query.height !== null ? heightMetres / query.height : 0;
      metresPerDevicePixel = Math.max(byWidth, byHeight);
    }
    return {
      widthPx: pixelCount(widthMetres / metresPerDevicePixel),
      heightPx: pixelCount(heightMetres / metresPerDevicePixel),
      zoom: Math.log2(2 * HALF_WORLD / (256 * metresPerDevicePixel * query.ratio)),
    };
  }

  // Everything the gateway checks before it renders, in its order: the query (400), the style's
  // zoom range (400), then Export:MaxWidthPx, MaxHeightPx and MaxPixels (413).
  // limits: { minZoom, maxZoom, maxWidthPx, maxHeightPx, maxPixels }.
  function check(fields, limits) {
    const parsed = parse(fields);
    if (!parsed.ok) { return parsed; }
    const size = resolve(parsed.query);
    const answer = (ok, status, field, message) => ({ ok, status, field, message, query: parsed.query, ...size });
    if (size.zoom < limits.minZoom || size.zoom >= limits.maxZoom + 1) {
      return answer(false, 400, 'zoom', `gives zoom ${+size.zoom.toFixed(2)}, outside ${limits.minZoom}..${limits.maxZoom}`);
    }
    if (size.widthPx > limits.maxWidthPx) { return answer(false, 413, 'Export:MaxWidthPx', `wider than Export:MaxWidthPx (${limits.maxWidthPx})`); }
    if (size.heightPx > limits.maxHeightPx) { return answer(false, 413, 'Export:MaxHeightPx', `taller than Export:MaxHeightPx (${limits.maxHeightPx})`); }
    if (size.widthPx * size.heightPx > limits.maxPixels) { return answer(false, 413, 'Export:MaxPixels', `more than Export:MaxPixels (${limits.maxPixels})`); }
    return answer(true, 200, null, 'within the limits');
  }

  global.TileClusterExportGeometry = { parse, resolve, check, zoomForScale, scaleForZoom };
})(window);
