import { useId, useState } from 'react';

/** A file picker that also takes a dropped file; a real <input type=file> underneath, so keyboards and tests use it. */
export function DropZone({ label, accept, onFile, testId }: { label: string; accept: string; onFile: (f: File) => unknown; testId: string }) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <label
      htmlFor={id}
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f) void onFile(f);
      }}
    >
      <span>{label}</span>
      <input
        id={id}
        data-testid={testId}
        type="file"
        accept={accept}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void onFile(f);
          e.target.value = '';
        }}
      />
    </label>
  );
}
