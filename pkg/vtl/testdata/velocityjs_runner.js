// Renders templates with velocityjs for the Go differential test and
// benchmark. Reads one JSON request on stdin, writes one JSON answer.
//   {"mode":"render","cases":[{"name","template","context"}]}
//     -> {"version","results":[{"name","output"} | {"name","error"}]}
//   {"mode":"bench","template","body","context","n"}
//     -> {"version","nsPerOp","cpuNsPerOp","output"}
'use strict';
const fs = require('fs');
const path = require('path');
const velocity = require('velocityjs');

const pinned = '2.1.7';
const version = JSON.parse(fs.readFileSync(
  path.join(path.dirname(require.resolve('velocityjs')), '..', '..', 'package.json'), 'utf8')).version;
if (version !== pinned) {
  process.stderr.write(`velocityjs ${version} found, ${pinned} expected\n`);
  process.exit(2);
}

// Minimal $input and $util for the benchmark template, in the spirit of
// API Gateway: the body is parsed once per render.
function apiGatewayContext(body, ctx) {
  let parsed;
  const root = () => (parsed === undefined ? (parsed = JSON.parse(body || '{}')) : parsed);
  const select = (p) => {
    let v = root();
    for (const part of p.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
      v = v == null ? undefined : v[part];
    }
    return v;
  };
  return Object.assign({}, ctx, {
    input: {
      body,
      path: (p) => select(p),
      json: (p) => JSON.stringify(select(p)),
    },
    util: {
      escapeJavaScript: (s) => String(s).replace(/[\\'"\/]/g, (c) => '\\' + c)
        .replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t'),
    },
  });
}

let raw = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { raw += d; });
process.stdin.on('end', () => {
  const req = JSON.parse(raw);
  if (req.mode === 'render') {
    const results = req.cases.map((c) => {
      try {
        return { name: c.name, output: velocity.render(c.template, c.context || {}) };
      } catch (e) {
        return { name: c.name, error: String(e && e.message || e) };
      }
    });
    process.stdout.write(JSON.stringify({ version, results }));
    return;
  }
  if (req.mode === 'bench') {
    const compiled = new velocity.Compile(velocity.parse(req.template));
    const render = () => compiled.render(apiGatewayContext(req.body, req.context || {}));
    let output = '';
    for (let i = 0; i < Math.min(1000, req.n); i++) output = render(); // warm up
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < req.n; i++) output = render();
    const ns = Number(process.hrtime.bigint() - start) / req.n;
    const cpu = process.cpuUsage(cpu0);
    const cpuNs = ((cpu.user + cpu.system) * 1000) / req.n;
    process.stdout.write(JSON.stringify({ version, nsPerOp: ns, cpuNsPerOp: cpuNs, output }));
    return;
  }
  process.stderr.write(`unknown mode ${req.mode}\n`);
  process.exit(2);
});
