"""Cluster engines on this machine, for the cluster test and scripts/bench --cluster: a one-node
Slurm (munged with a key made here, slurmctld and slurmd on free ports, all state in a temporary
folder) and GNU parallel. Each runs N tasks of one shell command in which $TASK is the task's
index, set from the engine's own variable (Slurm: SLURM_ARRAY_TASK_ID; parallel: its argument)."""
import getpass
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlurmUnavailable(Exception):
    """Slurm is not installed, or its daemons do not start here (a sandbox without the rights)."""


class Slurm:
    """slurmctld + slurmd of a one-node cluster; tasks run as Slurm array jobs."""

    NAME = "slurm"

    def __init__(self, work, cpus=None):
        for tool in ("munged", "mungekey", "slurmctld", "slurmd", "sbatch"):
            if not any(os.access(os.path.join(d, tool), os.X_OK) for d in ("/usr/sbin", "/usr/bin")):
                raise SlurmUnavailable("%s not installed (scripts/setup installs slurm-wlm and munge)" % tool)
        self.dir = os.path.join(work, "slurm")
        os.makedirs(os.path.join(self.dir, "state"))
        os.makedirs(os.path.join(self.dir, "spool"))
        munge = os.path.join(self.dir, "munge")
        os.makedirs(munge, mode=0o700)
        self.socket = os.path.join(munge, "socket")
        self.processes = []
        self.env = dict(os.environ, SLURM_CONF=os.path.join(self.dir, "slurm.conf"))
        subprocess.run(["/usr/sbin/mungekey", "-c", "-k", os.path.join(munge, "key")], check=True, capture_output=True)
        subprocess.run(["/usr/sbin/munged", "-f", "-S", self.socket, "--key-file", os.path.join(munge, "key"),
                        "--log-file", os.path.join(munge, "log"), "--pid-file", os.path.join(munge, "pid"),
                        "--seed-file", os.path.join(munge, "seed")], check=True, capture_output=True)
        self.node = socket.gethostname().split(".")[0]
        self.write_config(cpus or os.cpu_count() or 2)
        for daemon in (["/usr/sbin/slurmctld", "-D", "-i"], ["/usr/sbin/slurmd", "-D", "-N", self.node]):
            log = open(os.path.join(self.dir, os.path.basename(daemon[0]) + ".out"), "w")
            self.processes.append(subprocess.Popen(daemon + ["-f", self.env["SLURM_CONF"]], env=self.env,
                                                   stdout=log, stderr=subprocess.STDOUT))
        self.wait_idle()

    def write_config(self, cpus):
        user = getpass.getuser()
        d = self.dir
        lines = [
            "ClusterName=budgetx", "SlurmctldHost=%s(127.0.0.1)" % self.node, "SlurmUser=%s" % user,
            "SlurmdUser=%s" % user, "SlurmctldPort=%d" % free_port(), "SlurmdPort=%d" % free_port(),
            "AuthType=auth/munge", "AuthInfo=socket=%s" % self.socket, "CredType=cred/munge",
            "StateSaveLocation=%s/state" % d, "SlurmdSpoolDir=%s/spool" % d,
            "SlurmctldPidFile=%s/slurmctld.pid" % d, "SlurmdPidFile=%s/slurmd.pid" % d,
            "SlurmctldLogFile=%s/slurmctld.log" % d, "SlurmdLogFile=%s/slurmd.log" % d,
            # no cgroups: the daemons run in containers and sandboxes too
            "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none", "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core", "MpiDefault=none", "SwitchType=switch/none", "ReturnToService=2",
            "NodeName=%s NodeAddr=127.0.0.1 CPUs=%d State=UNKNOWN" % (self.node, cpus),
            "PartitionName=budgetx Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
        ]
        with open(self.env["SLURM_CONF"], "w") as f:
            f.write("\n".join(lines) + "\n")

    def wait_idle(self, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if any(p.poll() is not None for p in self.processes):
                break
            out = subprocess.run(["sinfo", "-h", "-o", "%t"], env=self.env, capture_output=True, text=True).stdout
            if out.strip() == "idle":
                return
            time.sleep(0.5)
        why = self.log_tail()
        self.stop()
        raise SlurmUnavailable("the Slurm daemons did not start:\n" + why)

    def log_tail(self):
        text = ""
        for name in ("slurmctld.log", "slurmd.log", "slurmctld.out", "slurmd.out"):
            path = os.path.join(self.dir, name)
            if os.path.exists(path):
                text += "".join(open(path, errors="replace").readlines()[-5:])
        return text

    def submit(self, command, tasks, indexes=None, wait=True):
        """An array job of `tasks` tasks (or only `indexes` of them) running `command`; returns
        the job id."""
        script = os.path.join(self.dir, "task.sh")
        with open(script, "w") as f:
            f.write("#!/bin/sh\nTASK=$SLURM_ARRAY_TASK_ID\n%s\n" % command)
        array = ",".join(map(str, indexes)) if indexes is not None else "0-%d" % (tasks - 1)
        args = ["sbatch", "--parsable", "--array=" + array, "--cpus-per-task=1",
                "--output=%s/task-%%A_%%a.log" % self.dir, script]
        if wait:
            args.insert(1, "--wait")
        proc = subprocess.run(args, env=self.env, capture_output=True, text=True)
        job = proc.stdout.strip().split(";")[0]
        if not job:
            raise AssertionError("sbatch failed: " + proc.stderr)
        return job

    def cancel(self, job, index):
        """Kills task `index` of the job (every process of it), as a node that fails would."""
        subprocess.run(["scancel", "--signal=KILL", "--full", "%s_%d" % (job, index)], env=self.env, check=True)

    def wait(self, job, seconds=600):
        deadline = time.time() + seconds
        while time.time() < deadline:
            out = subprocess.run(["squeue", "-h", "-j", job], env=self.env, capture_output=True, text=True).stdout
            if not out.strip():
                return
            time.sleep(0.5)
        raise AssertionError("Slurm job %s still running after %d s" % (job, seconds))

    def stop(self):
        subprocess.run(["scontrol", "shutdown"], env=self.env, capture_output=True)
        for p in self.processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        subprocess.run(["/usr/sbin/munged", "-s", "-S", self.socket], capture_output=True)


class Parallel:
    """GNU parallel: `tasks` tasks, at most `jobs` at once, the index as {} in the command and
    $TASK in its environment."""

    NAME = "GNU parallel"

    def __init__(self, jobs):
        self.jobs = jobs

    def submit(self, command, tasks, indexes=None, wait=True):
        indexes = list(range(tasks)) if indexes is None else indexes
        proc = subprocess.Popen(["parallel", "--will-cite", "-j", str(self.jobs), "TASK={} sh -c " +
                                 shquote(command), ":::"] + [str(i) for i in indexes])
        if wait:
            proc.wait()
        return proc

    def cancel(self, proc, index):
        """Kills task `index`: the processes whose command line names its shard."""
        subprocess.run(["pkill", "-KILL", "-f", "--", "--shard %d/" % index])

    def wait(self, proc, seconds=600):
        proc.wait(timeout=seconds)


def shquote(text):
    return "'" + text.replace("'", "'\\''") + "'"
