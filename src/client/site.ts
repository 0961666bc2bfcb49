// On every signed-in page: logging out removes the drafts this browser kept.
import { clearLocalDrafts } from './drafts';

for (const form of document.querySelectorAll<HTMLFormElement>('form[action="/logout"]')) {
  form.addEventListener('submit', clearLocalDrafts);
}
