import { join } from 'node:path';
import { listDir, readNumber, readText } from './files.ts';

/** Readings outside this range are a sensor saying "not connected", not a temperature. */
const plausible = (celsius: number) => celsius > -100 && celsius < 300;

const maxSensors = 128;

/**
 * Temperatures from hwmon: each `hwmonN` has a chip `name` and `tempK_input` in millidegrees
 * Celsius, with an optional `tempK_label`. Keys read like `coretemp package id 0` or
 * `nvme composite`; a repeated key (two NVMe drives) gets the hwmon index added.
 */
export async function readTemperatures(sysRoot: string): Promise<Record<string, number>> {
  const readings: Record<string, number> = {};
  for (const hwmon of await listDir(sysRoot, 'class/hwmon')) {
    const dir = join(sysRoot, 'class/hwmon', hwmon);
    const chip = (await readText(dir, 'name'))?.trim() || hwmon;
    const inputs = (await listDir(dir)).filter((f) => /^temp\d+_input$/.test(f));
    for (const input of inputs) {
      const millidegrees = await readNumber(dir, input);
      if (millidegrees === null) continue;
      const celsius = Math.round(millidegrees / 100) / 10;
      if (!plausible(celsius)) continue;
      const sensor = input.replace('_input', '');
      const label = (await readText(dir, `${sensor}_label`))?.trim() || sensor;
      let key = `${chip} ${label}`.toLowerCase().replace(/\s+/g, ' ').slice(0, 100);
      if (key in readings) key = `${key} (${hwmon})`;
      readings[key] = celsius;
      if (Object.keys(readings).length >= maxSensors) return readings;
    }
  }
  return readings;
}
