import { arch, cpus, platform, release, totalmem } from "node:os";

export interface MachineInfo {
  cpus: number;
  cpu_model: string;
  memory_gb: number;
  os: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpu_model: list[0]?.model.trim() ?? "unknown",
    memory_gb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
}
