// Small labelled form controls shared by the forms. UI realm.
import { For, type JSX } from 'solid-js';

export function TextField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  type?: string;
  placeholder?: string;
  required?: boolean;
  inputmode?: 'numeric' | 'text';
  /** Id of a <datalist> with suggestions. */
  list?: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        name={props.name}
        type={props.type ?? 'text'}
        required={props.required}
        placeholder={props.placeholder}
        inputmode={props.inputmode}
        list={props.list}
        autocomplete={props.type === 'password' ? 'off' : undefined}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </label>
  );
}

export function NumberField(props: {
  label: string;
  name: string;
  value: number;
  onValue: (v: number) => void;
  min?: number;
  max?: number;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        name={props.name}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.valueAsNumber)}
      />
    </label>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onValue: (v: T) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        name={props.name}
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value as T)}
      >
        <For each={props.options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
      </select>
    </label>
  );
}

export function Radio(props: { name: string; checked: boolean; onSelect: () => void; children: JSX.Element }) {
  return (
    <label class="inline">
      <input type="radio" name={props.name} checked={props.checked} onChange={() => props.onSelect()} />{' '}
      {props.children}
    </label>
  );
}
