/** Saves bytes or text as a file through the browser's own download (no network). */
export function download(name: string, content: BlobPart | BlobPart[], type = 'application/octet-stream'): void {
  const blob = new Blob(Array.isArray(content) ? content : [content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
