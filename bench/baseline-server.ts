import path from 'node:path';
import express from 'express';

// The yardstick for the drill page: Express 5 + EJS, a title and a 20-item list, no database,
// view cache on as in production.
const app = express();
app.set('views', path.join(import.meta.dirname, 'views'));
app.set('view engine', 'ejs');
if (process.env.NODE_ENV === 'production') app.set('view cache', true);
app.disable('x-powered-by');
const items = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  title: `Question ${i + 1}`,
  note: `due in ${i + 1} days`,
}));
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/', (_req, res) => {
  res.render('baseline', { title: 'Baseline page', items });
});
const port = Number(process.env.PORT ?? 3100);
app.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`baseline listening on ${port}`));
