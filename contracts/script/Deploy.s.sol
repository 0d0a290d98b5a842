// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {Faucet} from "../src/Faucet.sol";
import {HexToken} from "../src/HexToken.sol";
import {Plots} from "../src/Plots.sol";

/// @notice Deploys HexToken, Plots and AdMarket (and a funded Faucet on a local chain) and writes
/// `<DEPLOYMENTS_DIR>/<chainId>.json` for the indexer and the web app.
/// @dev On the dev chain (31337) everything is optional: PRIVATE_KEY defaults to anvil account 0 and
/// ADMIN, SETTLER, GUARDIAN, TREASURY to the deployer. On any other chain PRIVATE_KEY and distinct
/// ADMIN, SETTLER, GUARDIAN and TREASURY are required (the deployer may be none of them, so no key
/// ends up holding two powers); the deployer starts a hand-over of both contracts' admin role to
/// ADMIN, which ADMIN accepts with `acceptDefaultAdminTransfer` on AdMarket (after its delay, the
/// challenge period) and with `grantRole` on Plots (done here). Other env: PRIMARY_PRICE (10 HXA),
/// MIN_CPC (0.01 HXA), CHALLENGE_PERIOD (0 on 31337, else 1 day), DEPLOYMENTS_DIR (deployments).
/// Run: forge script contracts/script/Deploy.s.sol --rpc-url $RPC_URL --broadcast
contract Deploy is Script {
    uint256 internal constant LOCAL_CHAIN_ID = 31337;
    uint256 internal constant ANVIL_KEY_0 =
        0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80;

    /// @notice Thrown off the dev chain when a required variable is missing.
    error MissingEnv(string name);
    /// @notice Thrown off the dev chain when two roles (or a role and the deployer) share an address.
    error RolesNotDistinct(address account);

    struct Roles {
        address admin;
        address settler;
        address guardian;
        address treasury;
    }

    function run() external {
        bool local = block.chainid == LOCAL_CHAIN_ID;
        uint256 key = local ? vm.envOr("PRIVATE_KEY", ANVIL_KEY_0) : _requiredKey();
        address deployer = vm.addr(key);
        Roles memory r = local ? _localRoles(deployer) : _productionRoles(deployer);
        uint256 challengePeriod = vm.envOr("CHALLENGE_PERIOD", local ? uint256(0) : uint256(1 days));
        uint256 deployBlock = block.number;

        vm.startBroadcast(key);
        // On a local chain the deployer holds the supply, so it can fund the faucet and demo accounts.
        HexToken token = new HexToken(local ? deployer : r.treasury);
        Plots plots = new Plots(token, deployer, r.treasury, vm.envOr("PRIMARY_PRICE", uint256(10e18)));
        AdMarket market = new AdMarket(
            token,
            deployer,
            r.treasury,
            r.settler,
            r.guardian,
            vm.envOr("MIN_CPC", uint256(0.01e18)),
            challengePeriod
        );
        Faucet faucet;
        if (local) {
            faucet = new Faucet(token, 10_000e18);
            token.transfer(address(faucet), 100_000_000e18);
        }
        if (r.admin != deployer) {
            // Hand admin over: the deployer keeps no power once ADMIN accepts on AdMarket.
            market.beginDefaultAdminTransfer(r.admin);
            plots.grantRole(plots.DEFAULT_ADMIN_ROLE(), r.admin);
            plots.renounceRole(plots.DEFAULT_ADMIN_ROLE(), deployer);
        }
        vm.stopBroadcast();

        string memory o = "deployment";
        vm.serializeUint(o, "chainId", block.chainid);
        vm.serializeUint(o, "deployBlock", deployBlock);
        vm.serializeAddress(o, "HexToken", address(token));
        vm.serializeAddress(o, "Plots", address(plots));
        vm.serializeAddress(o, "AdMarket", address(market));
        vm.serializeAddress(o, "Faucet", address(faucet));
        vm.serializeAddress(o, "admin", r.admin);
        vm.serializeAddress(o, "treasury", r.treasury);
        vm.serializeAddress(o, "settler", r.settler);
        string memory json = vm.serializeAddress(o, "guardian", r.guardian);
        string memory dir = vm.envOr("DEPLOYMENTS_DIR", string("deployments"));
        vm.writeJson(json, string.concat(dir, "/", vm.toString(block.chainid), ".json"));
    }

    function _requiredKey() internal view returns (uint256 key) {
        key = vm.envOr("PRIVATE_KEY", uint256(0));
        if (key == 0) revert MissingEnv("PRIVATE_KEY");
        if (key == ANVIL_KEY_0) revert RolesNotDistinct(vm.addr(key));
    }

    function _localRoles(address deployer) internal view returns (Roles memory) {
        return Roles(
            vm.envOr("ADMIN", deployer),
            vm.envOr("SETTLER", deployer),
            vm.envOr("GUARDIAN", deployer),
            vm.envOr("TREASURY", deployer)
        );
    }

    function _productionRoles(address deployer) internal view returns (Roles memory r) {
        r = Roles(_required("ADMIN"), _required("SETTLER"), _required("GUARDIAN"), _required("TREASURY"));
        address[5] memory all = [deployer, r.admin, r.settler, r.guardian, r.treasury];
        for (uint256 i; i < all.length; ++i) {
            for (uint256 j = i + 1; j < all.length; ++j) {
                if (all[i] == all[j]) revert RolesNotDistinct(all[i]);
            }
        }
    }

    function _required(string memory name) internal view returns (address a) {
        a = vm.envOr(name, address(0));
        if (a == address(0)) revert MissingEnv(name);
    }
}
