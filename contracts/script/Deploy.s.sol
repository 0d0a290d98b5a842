// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {Faucet} from "../src/Faucet.sol";
import {HexToken} from "../src/HexToken.sol";
import {Plots} from "../src/Plots.sol";

/// @notice Deploys HexToken, Plots and AdMarket (and a funded Faucet on a local chain) and writes
/// `<DEPLOYMENTS_DIR>/<chainId>.json` for the indexer and the web app.
/// @dev Env (all optional on anvil): PRIVATE_KEY (default: anvil account 0), TREASURY, SETTLER,
/// GUARDIAN (default: the deployer), PRIMARY_PRICE (10 HXA), MIN_CPC (0.01 HXA), CHALLENGE_PERIOD
/// (0 on chain 31337, else 1 day), DEPLOYMENTS_DIR (deployments).
/// Run: forge script contracts/script/Deploy.s.sol --rpc-url $RPC_URL --broadcast
contract Deploy is Script {
    uint256 internal constant LOCAL_CHAIN_ID = 31337;
    uint256 internal constant ANVIL_KEY_0 =
        0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;

    function run() external {
        uint256 key = vm.envOr("PRIVATE_KEY", ANVIL_KEY_0);
        address deployer = vm.addr(key);
        address treasury = vm.envOr("TREASURY", deployer);
        address settler = vm.envOr("SETTLER", deployer);
        address guardian = vm.envOr("GUARDIAN", deployer);
        bool local = block.chainid == LOCAL_CHAIN_ID;
        uint256 challengePeriod = vm.envOr("CHALLENGE_PERIOD", local ? uint256(0) : uint256(1 days));
        uint256 deployBlock = block.number;

        vm.startBroadcast(key);
        // On a local chain the deployer holds the supply, so it can fund the faucet and demo accounts.
        HexToken token = new HexToken(local ? deployer : treasury);
        Plots plots = new Plots(token, deployer, treasury, vm.envOr("PRIMARY_PRICE", uint256(10e18)));
        AdMarket market = new AdMarket(
            token,
            deployer,
            treasury,
            settler,
            guardian,
            vm.envOr("MIN_CPC", uint256(0.01e18)),
            challengePeriod
        );
        Faucet faucet;
        if (local) {
            faucet = new Faucet(token, 10_000e18);
            token.transfer(address(faucet), 100_000_000e18);
        }
        vm.stopBroadcast();

        string memory o = "deployment";
        vm.serializeUint(o, "chainId", block.chainid);
        vm.serializeUint(o, "deployBlock", deployBlock);
        vm.serializeAddress(o, "HexToken", address(token));
        vm.serializeAddress(o, "Plots", address(plots));
        vm.serializeAddress(o, "AdMarket", address(market));
        vm.serializeAddress(o, "Faucet", address(faucet));
        vm.serializeAddress(o, "treasury", treasury);
        vm.serializeAddress(o, "settler", settler);
        string memory json = vm.serializeAddress(o, "guardian", guardian);
        string memory dir = vm.envOr("DEPLOYMENTS_DIR", string("deployments"));
        vm.writeJson(json, string.concat(dir, "/", vm.toString(block.chainid), ".json"));
    }
}
