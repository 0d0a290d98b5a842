import { describe, expect, it } from "vitest";
import { parseDeployment } from "./deployment.js";

const good = {
  chainId: 31337,
  deployBlock: 3,
  HexToken: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
  Plots: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  AdMarket: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
  Faucet: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
  treasury: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  settler: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  guardian: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
};

describe("parseDeployment", () => {
  it("accepts the deploy script's file and checksums its addresses", () => {
    const d = parseDeployment(good);
    expect(d.HexToken).toBe("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    expect(d).toMatchObject({ chainId: 31337, deployBlock: 3, Plots: good.Plots });
  });
  it("names the field that is wrong", () => {
    expect(() => parseDeployment({ ...good, AdMarket: "0x1234" })).toThrow(/AdMarket is not an address/);
    expect(() => parseDeployment({ ...good, settler: undefined })).toThrow(/settler/);
    expect(() => parseDeployment({ ...good, chainId: 0 })).toThrow(/chainId/);
    expect(() => parseDeployment({ ...good, deployBlock: -1 })).toThrow(/deployBlock/);
    expect(() => parseDeployment("31337")).toThrow(/object/);
  });
});
