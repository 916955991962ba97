// Progress of a run: bar, counts, rate and time left. UI realm.
import { Show } from 'solid-js';

export function formatDuration(secs: number): string {
  if (!Number.isFinite(secs)) return '–';
  const s = Math.round(secs);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function ProgressBar(props: { done: number; total: number; failed: number; rate: number }) {
  const pct = () => (props.total ? Math.min(100, (100 * props.done) / props.total) : 0);
  return (
    <div class="progress">
      <progress max={props.total} value={props.done} aria-label="Samples scored" />
      <span data-testid="progress-text">
        {props.done} / {props.total} ({pct().toFixed(1)}%)
        <Show when={props.failed > 0}> · {props.failed} failed</Show>
        <Show when={props.rate > 0}>
          {' '}
          · {props.rate.toFixed(1)} samples/s · ETA {formatDuration((props.total - props.done) / props.rate)}
        </Show>
      </span>
    </div>
  );
}
