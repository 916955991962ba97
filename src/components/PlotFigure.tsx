// A titled figure holding one rendered Observable Plot, re-rendered when its inputs change, with an accessible
// caption and a PNG download. Shared by the Compare plots and the Yuma simulator. UI realm.
import { createEffect, createSignal, onCleanup, type JSX } from 'solid-js';
import { download } from './download.ts';
import { slug, svgToPng } from './compare/export.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** A titled figure holding one rendered Plot; re-renders when `render` changes, offers a PNG download. */
export function PlotFigure(props: { id: string; title: string; render: () => Element; controls?: JSX.Element }) {
  const [holder, setHolder] = createSignal<HTMLDivElement>();
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => {
    const box = holder();
    if (!box) return;
    const el = props.render();
    box.replaceChildren(el);
    onCleanup(() => el.remove());
  });
  async function onPng() {
    setError(null);
    const svg = holder()?.querySelector('svg');
    if (!svg) return setError('Nothing to export: the plot is empty.');
    try {
      download(await svgToPng(svg, props.title), `${slug(props.title)}.png`);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <figure class="plot" aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <figcaption id={`${props.id}-title`}>
        <strong>{props.title}</strong>
      </figcaption>
      {props.controls}
      <div class="plot-holder" ref={setHolder} />
      <button type="button" onClick={onPng}>
        Save PNG<span class="sr-only">: {props.title}</span>
      </button>
      <ErrorAlert message={error()} />
    </figure>
  );
}
