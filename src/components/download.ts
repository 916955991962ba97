// Saves a Blob as a file through a temporary link. UI realm.
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: Chromium reads the URL asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
