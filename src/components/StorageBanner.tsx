// Shows storage problems (blocked upgrade, quota, eviction) the moment the storage layer reports them. UI realm.
import { For, createSignal, onCleanup } from 'solid-js';
import { onStorageIssue, type StorageIssue } from '../storage/db.ts';

export function StorageBanner() {
  const [issues, setIssues] = createSignal<StorageIssue[]>([]);
  const off = onStorageIssue((i) => setIssues((list) => [...list.filter((x) => x.code !== i.code), i]));
  onCleanup(off);
  return (
    <For each={issues()}>
      {(issue) => (
        <div class="banner error" role="alert" data-storage-issue={issue.code}>
          <span>{issue.message}</span>
          <button type="button" onClick={() => setIssues((l) => l.filter((x) => x !== issue))}>
            Dismiss
          </button>
        </div>
      )}
    </For>
  );
}
