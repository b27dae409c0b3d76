/** A grouped bar chart as a standalone SVG, so the README can show benchmark results without a plotting library. */
export interface ChartInput {
  title: string;
  groups: string[];
  series: { label: string; values: number[] }[];
}

const COLORS = ["#9e9e9e", "#2e7d32", "#6a1b9a", "#66bb6a", "#ef6c00", "#1565c0"];
const escape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function barChart({ title, groups, series }: ChartInput): string {
  const bar = 26;
  const gap = 18;
  const left = 20;
  const top = 50;
  const plotHeight = 260;
  const groupWidth = series.length * bar + gap * 2;
  const width = Math.max(left * 2 + groups.length * groupWidth, 600); // wide enough for the title and legend
  const legendTop = top + plotHeight + 40;
  const height = legendTop + series.length * 20 + 10;
  const max = Math.max(...series.flatMap((s) => s.values)) * 1.1;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`,
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + groups.length * groupWidth}" y2="${top + plotHeight}" stroke="#333"/>`,
  ];
  groups.forEach((group, g) => {
    const x0 = left + g * groupWidth + gap;
    series.forEach((s, i) => {
      const value = s.values[g] ?? 0;
      const h = (value / max) * plotHeight;
      const x = x0 + i * bar;
      parts.push(`<rect x="${x}" y="${top + plotHeight - h}" width="${bar - 4}" height="${h}" fill="${COLORS[i % COLORS.length]}"/>`);
      parts.push(`<text x="${x + (bar - 4) / 2}" y="${top + plotHeight - h - 4}" text-anchor="middle" font-size="10">${Math.round(value)}</text>`);
    });
    parts.push(`<text x="${x0 + (series.length * bar) / 2}" y="${top + plotHeight + 18}" text-anchor="middle">${escape(group)}</text>`);
  });
  series.forEach((s, i) => {
    const y = legendTop + i * 20;
    parts.push(`<rect x="${left}" y="${y - 10}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${left + 18}" y="${y}">${escape(s.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
